/** DriveApp fake: files and folders by id, a root folder, name lookup, trash, moves. */
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

export function fileUrl(rec: DriveFileRecord): string {
  switch (rec.mimeType) {
    case MimeType.GOOGLE_DOCS:
      return `https://docs.google.com/document/d/${rec.id}/edit?usp=drivesdk`;
    case MimeType.GOOGLE_SHEETS:
      return `https://docs.google.com/spreadsheets/d/${rec.id}/edit?usp=drivesdk`;
    default:
      return `https://drive.google.com/file/d/${rec.id}/view?usp=drivesdk`;
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
    return new FakeFolder(this._rt, this.store, String(id));
  }

  getRootFolder(): FakeFolder {
    return new FakeFolder(this._rt, this.store, this.store.rootId);
  }

  /** Every file with this exact name, anywhere (trashed ones included, as DriveApp does). */
  getFilesByName(name: string): FakeFileIterator {
    const ids = [...this.store.files.values()].filter(f => f.name === String(name)).map(f => f.id);
    return new FakeFileIterator(this._rt, this.store, ids);
  }

  createFolder(name: string): FakeFolder {
    const id = this.store.newId('fake-folder');
    this.store.folders.set(id, { id, name: String(name), parents: [this.store.rootId], trashed: false });
    return new FakeFolder(this._rt, this.store, id);
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

  getId(): string {
    return this._id;
  }

  getName(): string {
    return this.rec.name;
  }

  setName(name: string): this {
    this.rec.name = String(name);
    return this;
  }

  getMimeType(): string {
    return this.rec.mimeType;
  }

  getUrl(): string {
    return fileUrl(this.rec);
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

  getParents(): FakeFolderIterator {
    return new FakeFolderIterator(this._rt, this.store, [...this.rec.parents]);
  }
}

export class FakeFolder extends Fake implements Slice<GoogleAppsScript.Drive.Folder, Public<FakeFolder>> {
  constructor(
    rt: Runtime,
    private readonly store: DriveStore,
    readonly _id: string
  ) {
    super(rt, 'Folder');
  }

  private get rec(): DriveFolderRecord {
    const r = this.store.folders.get(this._id);
    if (!r) throw this._rt.error(NOT_FOUND);
    return r;
  }

  getId(): string {
    return this._id;
  }

  getName(): string {
    return this.rec.name;
  }

  setName(name: string): this {
    this.rec.name = String(name);
    return this;
  }

  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this._id}`;
  }

  isTrashed(): boolean {
    return this.rec.trashed;
  }

  setTrashed(trashed: boolean): this {
    this.rec.trashed = Boolean(trashed);
    return this;
  }

  getParents(): FakeFolderIterator {
    return new FakeFolderIterator(this._rt, this.store, [...this.rec.parents]);
  }

  /** Files in this folder with this exact name (trashed ones included, as DriveApp does). */
  getFilesByName(name: string): FakeFileIterator {
    const ids = [...this.store.files.values()].filter(f => f.parents.includes(this._id) && f.name === String(name)).map(f => f.id);
    return new FakeFileIterator(this._rt, this.store, ids);
  }

  getFiles(): FakeFileIterator {
    const ids = [...this.store.files.values()].filter(f => f.parents.includes(this._id)).map(f => f.id);
    return new FakeFileIterator(this._rt, this.store, ids);
  }

  addFile(child: FakeFile | GoogleAppsScript.Drive.File): this {
    const rec = this.store.files.get(idOf(child) ?? '');
    if (!rec) throw this._rt.error(NOT_FOUND);
    if (!rec.parents.includes(this._id)) rec.parents.push(this._id);
    return this;
  }

  removeFile(child: FakeFile | GoogleAppsScript.Drive.File): this {
    const rec = this.store.files.get(idOf(child) ?? '');
    if (!rec) throw this._rt.error(NOT_FOUND);
    rec.parents = rec.parents.filter(p => p !== this._id);
    return this;
  }

  createFolder(name: string): FakeFolder {
    const id = this.store.newId('fake-folder');
    this.store.folders.set(id, { id, name: String(name), parents: [this._id], trashed: false });
    return new FakeFolder(this._rt, this.store, id);
  }
}

const END_OF_ITERATION = 'Cannot retrieve the next object: iterator has reached the end.';

export class FakeFileIterator extends Fake implements Slice<GoogleAppsScript.Drive.FileIterator, Public<FakeFileIterator>> {
  private i = 0;

  constructor(
    rt: Runtime,
    private readonly store: DriveStore,
    private readonly ids: readonly string[]
  ) {
    super(rt, 'FileIterator');
  }

  hasNext(): boolean {
    return this.i < this.ids.length;
  }

  next(): FakeFile {
    const id = this.ids[this.i];
    if (id === undefined) throw this._rt.error(END_OF_ITERATION);
    this.i += 1;
    return new FakeFile(this._rt, this.store, id);
  }
}

export class FakeFolderIterator extends Fake implements Slice<GoogleAppsScript.Drive.FolderIterator, Public<FakeFolderIterator>> {
  private i = 0;

  constructor(
    rt: Runtime,
    private readonly store: DriveStore,
    private readonly ids: readonly string[]
  ) {
    super(rt, 'FolderIterator');
  }

  hasNext(): boolean {
    return this.i < this.ids.length;
  }

  next(): FakeFolder {
    const id = this.ids[this.i];
    if (id === undefined) throw this._rt.error(END_OF_ITERATION);
    this.i += 1;
    return new FakeFolder(this._rt, this.store, id);
  }
}
