#!/usr/bin/env node

// The CLI is bundled to dist/cli.js by `npm run build` (npm ci runs it through "prepare").
require('../dist/cli.js').run();
