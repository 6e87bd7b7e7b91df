/** DriveApp fake: files by id, trash, and moves into a folder (the report folder). */
import { Fake, type Public, type Runtime, type Slice } from './counter';

export const MimeType = Object.freeze({
  GOOGLE_APPS_SCRIPT: 'application/vnd.google-apps.script',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  FOLDER: 'application/vnd.google-apps.folder',
  PDF: 'application/pdf',
  PLAIN_TEXT: 'text/plain',
  CSV: 'text/csv',
  HTML: 'text/html',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
});

export const NOT_FOUND = 'No item with the given ID could be found. Or perhaps you do not have permission to access it.';

export interface DriveFileRecord {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
}

export interface DriveFolderRecord {
  id: string;
  name: string;
  parents: string[];
  trashed: boolean;
}

export interface DriveSeedFolder {
  id: string;
  name?: string;
  /** Files already in the folder. */
  files?: Array<{ id?: string; name: string; mimeType?: string; trashed?: boolean }>;
}

/** The whole fake Drive (shared by DriveApp and DocumentApp). */
export class DriveStore {
  readonly files = new Map<string, DriveFileRecord>();
  readonly folders = new Map<string, DriveFolderRecord>();
  readonly rootId = 'fake-root-folder';
  private seq = 0;

  constructor() {
    this.folders.set(this.rootId, { id: this.rootId, name: 'My Drive', parents: [], trashed: false });
  }

  newId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${String(this.seq).padStart(4, '0')}`;
  }

  addFolder(seed: DriveSeedFolder): DriveFolderRecord {
    const rec: DriveFolderRecord = { id: seed.id, name: seed.name ?? seed.id, parents: [this.rootId], trashed: false };
    this.folders.set(rec.id, rec);
    for (const f of seed.files ?? []) {
      this.addFile({
        id: f.id ?? this.newId('fake-file'),
        name: f.name,
        mimeType: f.mimeType ?? MimeType.PLAIN_TEXT,
        parents: [rec.id],
        trashed: f.trashed ?? false,
      });
    }
    return rec;
  }

  addFile(rec: DriveFileRecord): DriveFileRecord {
    this.files.set(rec.id, rec);
    return rec;
  }
}

function idOf(x: unknown): string | undefined {
  const id = (x as { _id?: unknown } | null)?._id;
  return typeof id === 'string' ? id : undefined;
}

export class FakeDriveApp extends Fake implements Slice<GoogleAppsScript.Drive.DriveApp, Public<FakeDriveApp>> {
  constructor(
    rt: Runtime,
    private readonly store: DriveStore
  ) {
    super(rt, 'DriveApp');
  }

  /** Trashed files are still returned (check isTrashed()); unknown ids throw. */
  getFileById(id: string): FakeFile {
    if (!this.store.files.has(String(id))) throw this._rt.error(NOT_FOUND);
    return new FakeFile(this._rt, this.store, String(id));
  }

  getFolderById(id: string): FakeFolder {
    if (!this.store.folders.has(String(id))) throw this._rt.error(NOT_FOUND);
    return new FakeFolder(this._rt, String(id));
  }
}

export class FakeFile extends Fake implements Slice<GoogleAppsScript.Drive.File, Public<FakeFile>> {
  constructor(
    rt: Runtime,
    private readonly store: DriveStore,
    readonly _id: string
  ) {
    super(rt, 'File');
  }

  private get rec(): DriveFileRecord {
    const r = this.store.files.get(this._id);
    if (!r) throw this._rt.error(NOT_FOUND);
    return r;
  }

  isTrashed(): boolean {
    return this.rec.trashed;
  }

  setTrashed(trashed: boolean): this {
    this.rec.trashed = Boolean(trashed);
    return this;
  }

  /** Moves the file: its only parent becomes the destination. */
  moveTo(destination: FakeFolder | GoogleAppsScript.Drive.Folder): this {
    const id = idOf(destination);
    if (id === undefined || !this.store.folders.has(id)) throw this._rt.error(NOT_FOUND);
    this.rec.parents = [id];
    return this;
  }
}

/** A folder as getFolderById hands it over: the adapter only moves files into it (File.moveTo). */
export class FakeFolder extends Fake implements Slice<GoogleAppsScript.Drive.Folder, Public<FakeFolder>> {
  constructor(
    rt: Runtime,
    readonly _id: string
  ) {
    super(rt, 'Folder');
  }
}
