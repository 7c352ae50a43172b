import { createHash, Hash } from 'node:crypto';
import { CsvBytesLine, FileRecord } from './catalog-import.files';
import { CopyText } from './catalog-import.rows';

/**
 * What a block's fingerprint covers besides its lines. Change it whenever the rules of validation or the way a line
 * becomes a service change: every mark then stops matching, and the next import of each block goes the whole way.
 */
export const MARK_FORMAT = 'catalog-import-mark/1';

/** A provider's good mark (catalog_provider_marks, mark_version = version), as the upload sees it at its start. */
export interface ProviderMark {
  providerId: string;
  hash: Buffer;
  rows: number;
}

/** A run of consecutive rows of one USCC in the file (catalog_import_blocks). */
export interface UploadBlock {
  uscc: string;
  firstRow: number;
  lastRow: number;
  rows: number;
  hash: Buffer;
  /** The file's only block of this USCC: only such a block can leave a mark or be skipped. */
  single: boolean;
  skipped: boolean;
  providerId: string | null;
  rowNumbers: number[] | null;
}

interface OpenBlock {
  block: UploadBlock;
  hash: Hash;
  /** The mark the block may still match: its text is then not handed to COPY yet, and its records are kept. */
  mark: ProviderMark | null;
  /** Where the block's COPY text starts in the upload's text. */
  start: number;
  records: KeptRecords;
}

/**
 * The records of a block that may be skipped, kept to be written again if its USCC shows up later. A CSV line read as
 * bytes is kept as four numbers (row, chunk, offset, length) and its chunk once, not as objects: 200,000 retained
 * objects cost the upload about a tenth of its time in garbage collection. Other records are kept as they are.
 */
class KeptRecords {
  readonly rowNumbers: number[] = [];
  private readonly spans: number[] = [];
  private readonly chunks: ArrayBufferLike[] = [];
  private readonly others: FileRecord[] = [];

  push(record: FileRecord): void {
    this.rowNumbers.push(record.rowNumber);
    const bytes = record instanceof CsvBytesLine ? record.bytes : undefined;
    if (!bytes) {
      this.spans.push(-1, this.others.length, 0);
      this.others.push(record);
      return;
    }
    if (this.chunks[this.chunks.length - 1] !== bytes.buffer) this.chunks.push(bytes.buffer);
    this.spans.push(this.chunks.length - 1, bytes.byteOffset, bytes.length);
  }

  *records(): Generator<FileRecord> {
    for (let i = 0; i < this.rowNumbers.length; i += 1) {
      const [chunk, offset, length] = [this.spans[3 * i], this.spans[3 * i + 1], this.spans[3 * i + 2]];
      yield chunk < 0 ? this.others[offset] : new CsvBytesLine(this.rowNumbers[i], Buffer.from(this.chunks[chunk], offset, length));
    }
  }
}

/**
 * The blocks of one upload (docs/catalog-search.md, "Provider marks"). Every line is written into the upload's COPY
 * text as usual, and its content goes into its block's fingerprint (SHA-256 of MARK_FORMAT and each line's content,
 * CopyText.lastContent(): the same for the same fields, in CSV or XLSX, whatever the row numbers). While a block may
 * still match its provider's mark, its text is not handed to COPY (flushable()). At its end, equal fingerprint and row
 * count: the block is skipped, its text is cut from the COPY text, and its records are kept (up to holdBytes of COPY
 * text); otherwise its text goes to COPY. A USCC that shows up again later in the file makes all its blocks ordinary,
 * and a skipped one is written again from its records, so duplicates across blocks are still found by validation.
 */
export class ImportBlocks {
  private readonly blocks: UploadBlock[] = [];
  private readonly byUscc = new Map<string, UploadBlock[]>();
  private readonly kept = new Map<UploadBlock, { records: KeptRecords; bytes: number }>();
  private keptBytes = 0;
  private open: OpenBlock | null = null;

  constructor(
    private readonly marks: ReadonlyMap<string, ProviderMark>,
    private readonly text: CopyText,
    /** Writes one record's COPY line into the upload's text. */
    private readonly writeLine: (record: FileRecord) => void,
    /** CATALOG_IMPORT_HOLD_BYTES: COPY text of skipped blocks whose records are kept until the file ends. */
    private readonly holdBytes: number,
  ) {}

  /** Call before writing the line of `record`, whose USCC is `uscc`. */
  next(uscc: string, record: FileRecord): void {
    if (this.open?.block.uscc === uscc) return;
    this.close();
    const earlier = this.byUscc.get(uscc);
    for (const block of earlier ?? []) {
      block.single = false;
      this.unskip(block);
    }
    const block: UploadBlock = {
      uscc, firstRow: record.rowNumber, lastRow: record.rowNumber, rows: 0, hash: Buffer.alloc(0), single: !earlier, skipped: false, providerId: null, rowNumbers: null,
    };
    this.blocks.push(block);
    if (earlier) earlier.push(block);
    else this.byUscc.set(uscc, [block]);
    const mark = (!earlier && this.keptBytes < this.holdBytes && this.marks.get(uscc)) || null;
    this.open = { block, hash: createHash('sha256').update(MARK_FORMAT), mark, start: this.text.length, records: new KeptRecords() };
  }

  /** After the line of `record` was written. */
  wrote(record: FileRecord): void {
    const open = this.open!;
    open.hash.update(this.text.lastContent());
    open.block.rows += 1;
    open.block.lastRow = record.rowNumber;
    if (!open.mark) return;
    open.records.push(record);
    if (open.block.rows > open.mark.rows || this.keptBytes + this.text.length - open.start > this.holdBytes) this.release(open);
  }

  /** How much of the upload's text may go to COPY now: all of it but an open block that may still be skipped. */
  flushable(): number {
    return this.open?.mark ? this.open.start : this.text.length;
  }

  /** A take() of the upload's text moved what followed its first `taken` bytes to the start. */
  taken(taken: number): void {
    if (this.open) this.open.start -= taken;
  }

  /** Ends the last block; the blocks of the file in file order. */
  finish(): UploadBlock[] {
    this.close();
    return this.blocks;
  }

  private close(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    const { block, mark } = open;
    block.hash = open.hash.digest();
    if (!mark || block.rows !== mark.rows || !block.hash.equals(mark.hash)) return;
    const bytes = this.text.length - open.start;
    this.text.truncate(open.start);
    this.kept.set(block, { records: open.records, bytes });
    this.keptBytes += bytes;
    Object.assign(block, { skipped: true, providerId: mark.providerId, rowNumbers: open.records.rowNumbers });
  }

  /** The open block goes to COPY after all: no record kept, nothing held back. */
  private release(open: OpenBlock): void {
    open.mark = null;
    open.records = new KeptRecords();
  }

  private unskip(block: UploadBlock): void {
    const kept = this.kept.get(block);
    if (!kept) return;
    this.kept.delete(block);
    this.keptBytes -= kept.bytes;
    for (const record of kept.records.records()) this.writeLine(record);
    Object.assign(block, { skipped: false, providerId: null, rowNumbers: null });
  }
}
