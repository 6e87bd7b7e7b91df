/**
 * DocumentApp fake: documents live in the fake Drive (as Google Docs files);
 * a body is a list of paragraphs, list items, tables and page breaks.
 */
import { type FakeBlob, type RenderedChart, renderedChart } from './charts';
import { Fake, makeEnum, type Public, type Runtime, type Slice } from './counter';
import { type DriveStore, MimeType } from './drive';

type GDoc = typeof GoogleAppsScript.Document;
type ParagraphHeading = GoogleAppsScript.Document.ParagraphHeading;
type GlyphType = GoogleAppsScript.Document.GlyphType;

export const ParagraphHeading = makeEnum<GDoc['ParagraphHeading']>([
  'NORMAL',
  'HEADING1',
  'HEADING2',
  'HEADING3',
  'HEADING4',
  'HEADING5',
  'HEADING6',
  'TITLE',
  'SUBTITLE',
]);
export const ElementType = makeEnum<GDoc['ElementType']>([
  'BODY_SECTION',
  'PARAGRAPH',
  'LIST_ITEM',
  'TABLE',
  'TABLE_ROW',
  'TABLE_CELL',
  'PAGE_BREAK',
  'TEXT',
  'HORIZONTAL_RULE',
  'UNSUPPORTED',
]);
export const HorizontalAlignment = makeEnum<GDoc['HorizontalAlignment']>(['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY']);
export const GlyphType = makeEnum<GDoc['GlyphType']>([
  'BULLET',
  'HOLLOW_BULLET',
  'SQUARE_BULLET',
  'NUMBER',
  'LATIN_UPPER',
  'LATIN_LOWER',
  'ROMAN_UPPER',
  'ROMAN_LOWER',
]);
export const Attribute = makeEnum<GDoc['Attribute']>([
  'BACKGROUND_COLOR',
  'BOLD',
  'BORDER_COLOR',
  'BORDER_WIDTH',
  'FONT_FAMILY',
  'FONT_SIZE',
  'FOREGROUND_COLOR',
  'HEADING',
  'HORIZONTAL_ALIGNMENT',
  'ITALIC',
  'LINE_SPACING',
  'SPACING_AFTER',
  'SPACING_BEFORE',
  'UNDERLINE',
]);

export const DOCUMENT_MISSING = "Document is missing (perhaps it was deleted, or you don't have read access?)";
const DOCUMENT_CLOSED = 'Document is closed, its contents cannot be updated.';

/** What `fake.documents` shows of a body. */
export type DocBlock =
  | { type: 'paragraph'; text: string; heading: string; images?: DocImage[] }
  | { type: 'listItem'; text: string; nestingLevel: number; glyphType: string }
  | { type: 'table'; rows: string[][] }
  | { type: 'pageBreak' };

/** An inline image, as `fake.documents` shows it: what it was drawn from when it is a chart of the fakes. */
export interface DocImage {
  contentType: string;
  width: number;
  height: number;
  altTitle: string | null;
  altDescription: string | null;
  chart: RenderedChart | null;
}

export interface DocumentSnapshot {
  id: string;
  name: string;
  url: string;
  trashed: boolean;
  folderIds: string[];
  content: DocBlock[];
  /** Body text as Body.getText() returns it. */
  text: string;
}

type BodyChild = FakeParagraph | FakeListItem | FakeTable | FakePageBreak;

interface BodyModel {
  children: BodyChild[];
}

export class DocStore {
  readonly bodies = new Map<string, BodyModel>();

  constructor(
    readonly rt: Runtime,
    readonly drive: DriveStore
  ) {}

  snapshot(id: string): DocumentSnapshot | undefined {
    const body = this.bodies.get(id);
    const file = this.drive.files.get(id);
    if (!body || !file) return undefined;
    return {
      id,
      name: file.name,
      url: docUrl(id),
      trashed: file.trashed,
      folderIds: [...file.parents],
      content: body.children.map(c => c._block()),
      text: bodyText(body),
    };
  }

  all(): DocumentSnapshot[] {
    const out: DocumentSnapshot[] = [];
    for (const id of this.bodies.keys()) {
      const s = this.snapshot(id);
      if (s) out.push(s);
    }
    return out;
  }
}

function docUrl(id: string): string {
  return `https://docs.google.com/open?id=${id}`;
}

function bodyText(body: BodyModel): string {
  return body.children.map(c => c._text()).join('\n');
}

function childIndexError(rt: Runtime, index: number, count: number): Error {
  return rt.error(`Child index (${index}) must be less than the number of child elements (${count}).`);
}

export class FakeDocumentApp extends Fake implements Slice<GoogleAppsScript.Document.DocumentApp, Public<FakeDocumentApp>> {
  readonly ParagraphHeading = ParagraphHeading;
  readonly ElementType = ElementType;
  readonly HorizontalAlignment = HorizontalAlignment;
  readonly GlyphType = GlyphType;
  readonly Attribute = Attribute;

  constructor(private readonly store: DocStore) {
    super(store.rt, 'DocumentApp');
  }

  /** A new Google Doc in the Drive root, its body holding one empty paragraph (as in Docs). */
  create(name: string): FakeDocument {
    const id = this.store.drive.newId('fake-doc');
    this.store.drive.addFile({
      id,
      name: String(name),
      mimeType: MimeType.GOOGLE_DOCS,
      parents: [this.store.drive.rootId],
      trashed: false,
    });
    const body: BodyModel = { children: [] };
    this.store.bodies.set(id, body);
    body.children.push(new FakeParagraph(this._rt, id, ''));
    return new FakeDocument(this.store, id);
  }

  /** Unknown, non-Docs or trashed ids throw "Document is missing …". */
  openById(id: string): FakeDocument {
    const file = this.store.drive.files.get(String(id));
    if (!file || file.trashed || file.mimeType !== MimeType.GOOGLE_DOCS || !this.store.bodies.has(file.id)) {
      throw this._rt.error(DOCUMENT_MISSING);
    }
    return new FakeDocument(this.store, file.id);
  }
}

export class FakeDocument extends Fake implements Slice<GoogleAppsScript.Document.Document, Public<FakeDocument>> {
  _closed = false;
  private body: FakeBody | null = null;

  constructor(
    private readonly store: DocStore,
    readonly _docId: string
  ) {
    super(store.rt, 'Document');
  }

  getId(): string {
    return this._docId;
  }

  setName(name: string): this {
    this._assertOpen();
    const f = this.store.drive.files.get(this._docId);
    if (f) f.name = String(name);
    return this;
  }

  getUrl(): string {
    return docUrl(this._docId);
  }

  getBody(): FakeBody {
    const model = this.store.bodies.get(this._docId);
    if (!model) throw this._rt.error(DOCUMENT_MISSING);
    this.body ??= new FakeBody(this._rt, this, model);
    return this.body;
  }

  /** After this, the handle (and its body) refuse changes; reopen with openById. */
  saveAndClose(): void {
    this._closed = true;
  }

  _assertOpen(): void {
    if (this._closed) throw this._rt.error(DOCUMENT_CLOSED);
  }
}

export class FakeBody extends Fake implements Slice<GoogleAppsScript.Document.Body, Public<FakeBody>> {
  constructor(
    rt: Runtime,
    private readonly doc: FakeDocument,
    private readonly model: BodyModel
  ) {
    super(rt, 'Body');
  }

  get _docId(): string {
    return this.doc._docId;
  }

  appendParagraph(text: string): FakeParagraph {
    this.doc._assertOpen();
    const p = new FakeParagraph(this._rt, this._docId, textArg(text));
    this.model.children.push(p);
    return p;
  }

  appendListItem(text: string): FakeListItem {
    this.doc._assertOpen();
    const li = new FakeListItem(this._rt, this._docId, textArg(text));
    this.model.children.push(li);
    return li;
  }

  /** appendTable(cells: string[][]); cell values are converted with String(). */
  appendTable(cells?: unknown): FakeTable {
    this.doc._assertOpen();
    const rows: string[][] = [];
    if (cells !== undefined) {
      if (!Array.isArray(cells) || !cells.every(r => Array.isArray(r))) {
        throw this._rt.error("The parameters (Object) don't match the method signature for DocumentApp.Body.appendTable.");
      }
      for (const r of cells as unknown[][]) rows.push(r.map(c => (c === null || c === undefined ? '' : String(c))));
    }
    const t = new FakeTable(this._rt, this._docId, rows);
    this.model.children.push(t);
    return t;
  }

  /** Like Docs: the image goes into a new paragraph of its own, at the size it was rendered at. */
  appendImage(image: GoogleAppsScript.Base.BlobSource | GoogleAppsScript.Document.InlineImage): FakeInlineImage {
    this.doc._assertOpen();
    const blob = (image as unknown as { getBlob?: () => FakeBlob }).getBlob?.();
    const type = blob?.getContentType() ?? '';
    if (!/^image\/(png|jpeg|gif)$/.test(type)) throw this._rt.error('Invalid image data.');
    const p = new FakeParagraph(this._rt, this._docId, '');
    const chart = renderedChart(blob);
    const size = (k: string, fallback: number): number => (typeof chart?.options[k] === 'number' ? (chart.options[k] as number) : fallback);
    const img = new FakeInlineImage(this._rt, this._docId, blob as FakeBlob, size('width', 600), size('height', 371));
    p._images.push(img);
    this.model.children.push(p);
    return img;
  }

  appendPageBreak(pageBreak?: unknown): FakePageBreak {
    this.doc._assertOpen();
    if (pageBreak !== undefined) throw new Error('FakeBody.appendPageBreak(pageBreak) is not supported by the fake');
    const pb = new FakePageBreak(this._rt, this._docId);
    this.model.children.push(pb);
    return pb;
  }

  /** Empties the body; like Docs, one empty paragraph remains. */
  clear(): this {
    this.doc._assertOpen();
    this.model.children.splice(0, this.model.children.length, new FakeParagraph(this._rt, this._docId, ''));
    return this;
  }

  getChild(childIndex: number): BodyChild {
    const c = this.model.children[childIndex];
    if (!c) throw childIndexError(this._rt, childIndex, this.model.children.length);
    return c;
  }

  removeChild(child: BodyChild | GoogleAppsScript.Document.Element): this {
    this.doc._assertOpen();
    removeFromBody(this._rt, this.model, child as BodyChild);
    return this;
  }
}

function textArg(t: unknown): string {
  return t === null || t === undefined ? '' : String(t);
}

function removeFromBody(rt: Runtime, model: BodyModel, child: BodyChild): void {
  const i = model.children.indexOf(child);
  if (i < 0) throw rt.error('Element does not contain the specified child element.');
  if (i === model.children.length - 1) throw rt.error("Can't remove the last paragraph in a document section.");
  model.children.splice(i, 1);
}

export class FakeParagraph extends Fake implements Slice<GoogleAppsScript.Document.Paragraph, Public<FakeParagraph>> {
  readonly _images: FakeInlineImage[] = [];
  private heading: string = 'NORMAL';

  constructor(
    rt: Runtime,
    readonly _docId: string,
    private text: string
  ) {
    super(rt, 'Paragraph');
  }

  setHeading(heading: ParagraphHeading): this {
    if (!Object.hasOwn(ParagraphHeading, String(heading))) {
      throw this._rt.error(`The parameters (${typeof heading}) don't match the method signature for DocumentApp.Paragraph.setHeading.`);
    }
    this.heading = String(heading);
    return this;
  }

  /** What the adapter set (a centred cover line, a bold contents title): kept, for a test that wants to look. */
  _alignment = 'LEFT';
  readonly _attributes: Record<string, unknown> = {};

  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): this {
    if (!Object.hasOwn(HorizontalAlignment, String(alignment))) {
      throw this._rt.error(`The parameters (${typeof alignment}) don't match the method signature for DocumentApp.Paragraph.setAlignment.`);
    }
    this._alignment = String(alignment);
    return this;
  }

  setAttributes(attributes: unknown): this {
    Object.assign(this._attributes, attributes);
    return this;
  }

  _text(): string {
    return this.text;
  }

  _block(): DocBlock {
    return {
      type: 'paragraph',
      text: this.text,
      heading: this.heading,
      ...(this._images.length > 0 ? { images: this._images.map(i => i._image()) } : {}),
    };
  }
}

export class FakeListItem extends Fake implements Slice<GoogleAppsScript.Document.ListItem, Public<FakeListItem>> {
  private nestingLevel = 0;
  private glyphType = 'BULLET';

  constructor(
    rt: Runtime,
    readonly _docId: string,
    private text: string
  ) {
    super(rt, 'ListItem');
  }

  setGlyphType(glyphType: GlyphType): this {
    this.glyphType = String(glyphType);
    return this;
  }

  _text(): string {
    return this.text;
  }

  _block(): DocBlock {
    return { type: 'listItem', text: this.text, nestingLevel: this.nestingLevel, glyphType: this.glyphType };
  }
}

export class FakeTable extends Fake implements Slice<GoogleAppsScript.Document.Table, Public<FakeTable>> {
  readonly _rows: FakeTableRow[];

  constructor(
    rt: Runtime,
    readonly _docId: string,
    rows: string[][]
  ) {
    super(rt, 'Table');
    this._rows = rows.map(r => new FakeTableRow(rt, _docId, r));
  }

  getRow(rowIndex: number): FakeTableRow {
    const r = this._rows[rowIndex];
    if (!r) throw childIndexError(this._rt, rowIndex, this._rows.length);
    return r;
  }

  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    return this.getRow(rowIndex).getCell(cellIndex);
  }

  _text(): string {
    return this._rows.map(r => r._text()).join('\n');
  }

  _block(): DocBlock {
    return { type: 'table', rows: this._rows.map(r => r._cells.map(c => c._text())) };
  }
}

export class FakeTableRow extends Fake implements Slice<GoogleAppsScript.Document.TableRow, Public<FakeTableRow>> {
  readonly _cells: FakeTableCell[];

  constructor(
    rt: Runtime,
    readonly _docId: string,
    cells: string[]
  ) {
    super(rt, 'TableRow');
    this._cells = cells.map(c => new FakeTableCell(rt, _docId, c));
  }

  getCell(cellIndex: number): FakeTableCell {
    const c = this._cells[cellIndex];
    if (!c) throw childIndexError(this._rt, cellIndex, this._cells.length);
    return c;
  }

  _text(): string {
    return this._cells.map(c => c._text()).join('\t');
  }
}

export class FakeTableCell extends Fake implements Slice<GoogleAppsScript.Document.TableCell, Public<FakeTableCell>> {
  /** What the adapter set (the header row's shading and bold): kept, for a test that wants to look. */
  _background: string | null = null;
  readonly _attributes: Record<string, unknown> = {};

  constructor(
    rt: Runtime,
    readonly _docId: string,
    private text: string
  ) {
    super(rt, 'TableCell');
  }

  setBackgroundColor(color: string | null): this {
    this._background = color;
    return this;
  }

  setAttributes(attributes: unknown): this {
    Object.assign(this._attributes, attributes);
    return this;
  }

  _text(): string {
    return this.text;
  }
}

export class FakePageBreak extends Fake implements Slice<GoogleAppsScript.Document.PageBreak, Public<FakePageBreak>> {
  constructor(
    rt: Runtime,
    readonly _docId: string
  ) {
    super(rt, 'PageBreak');
  }

  _text(): string {
    return '';
  }

  _block(): DocBlock {
    return { type: 'pageBreak' };
  }
}

export class FakeInlineImage extends Fake implements Slice<GoogleAppsScript.Document.InlineImage, Public<FakeInlineImage>> {
  private altTitle: string | null = null;
  private altDescription: string | null = null;

  constructor(
    rt: Runtime,
    readonly _docId: string,
    private readonly blob: FakeBlob,
    private width: number,
    private height: number
  ) {
    super(rt, 'InlineImage');
  }

  setAltTitle(title: string): this {
    this.altTitle = String(title);
    return this;
  }

  setAltDescription(description: string): this {
    this.altDescription = String(description);
    return this;
  }

  _image(): DocImage {
    return {
      contentType: this.blob.getContentType(),
      width: this.width,
      height: this.height,
      altTitle: this.altTitle,
      altDescription: this.altDescription,
      chart: renderedChart(this.blob),
    };
  }
}
