/**
 * What a case's 段階 means (contract `supportedStages`, `closedStages`): 支援中/出口戦略/完了 count as supported
 * (§4, §11(1)); 完了/中止 need no more action. Every figure, rule and reminder asks these two.
 */
import { contract } from '../../../sheets-templates/contract';
import type { Stage } from '../schema';

export const isSupportedStage = (stage: Stage): boolean => (contract.supportedStages as readonly string[]).includes(stage);

export const isClosedStage = (stage: Stage): boolean => (contract.closedStages as readonly string[]).includes(stage);
