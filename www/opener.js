// The file opener: a budget's PDF (its text layer) and workbooks (.xlsx, .xls, .ods, .csv)
// turned into the text the core reads, by crates/open compiled to its own wasm module
// (pkg-open/). It is fetched only when a reader opens such a file, so a reader who never does
// downloads none of it; the CLI links the same code, so a file reads the same in both.
//
//   const kind = fileKind(firstBytes, name);          // 'text' | 'pdf' | 'sheet'
//   const { text, notes } = await convert(bytes, name); // notes: [{ place, message, messageEn }]

const OPEN_URL = new URL('./pkg-open/yusuan_open.js', import.meta.url).href;

/** The largest PDF or workbook the page opens (the opener's own input cap, 32 MiB). */
export const MAX_CONVERTED_BYTES = 32 * 1024 * 1024;

const startsWith = (bytes, sig) => sig.every((b, i) => bytes[i] === b);

/**
 * What a file is, by its first bytes and then its name (mirrors `kind_of` in crates/open):
 * 'pdf', 'sheet' (a workbook or a .csv) or 'text' (published text or Yusuan JSON, which the
 * core reads as they are).
 */
export function fileKind(head, name) {
  const lower = String(name ?? '').toLowerCase();
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (lower.endsWith('.pdf') && head.includes(0)) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'sheet'; // a zip: .xlsx, .ods
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'sheet'; // .xls
  if (/\.(xlsx|xlsm|xls|ods|csv|xlsb|numbers)$/.test(lower)) return 'sheet';
  return 'text';
}

/** An opener's refusal, in both languages (like the core's errors). */
export class OpenerError extends Error {
  constructor(message, messageEn) {
    super(message);
    this.name = 'OpenerError';
    this.messageEn = messageEn;
  }
}

let opener = null;

/** The opener module, fetched and started on first use. */
export function loadOpener() {
  if (!opener) {
    opener = import(OPEN_URL)
      .then(async (mod) => {
        await mod.default();
        return mod;
      })
      .catch((err) => {
        opener = null; // a failed fetch may be retried
        throw err;
      });
  }
  return opener;
}

/**
 * The text of a PDF or a workbook, and the opener's remarks. Rejects with an OpenerError that
 * says why (a scan with no text layer, an encrypted or damaged file, a limit passed).
 */
export async function convert(bytes, name) {
  const mod = await loadOpener();
  let out;
  try {
    out = mod.toText(bytes, name);
  } catch (err) {
    if (err && typeof err === 'object' && typeof err.message === 'string') {
      throw new OpenerError(err.message, typeof err.messageEn === 'string' ? err.messageEn : err.message);
    }
    throw err;
  }
  if (!out) return null;
  return { text: String(out.text ?? ''), notes: Array.isArray(out.notes) ? out.notes : [] };
}

/**
 * The scenario's tables (the core's `exportTables()` JSON) as the bytes of an `.xlsx` workbook,
 * written by the same module (fetched on first use). Rejects with an OpenerError.
 */
export async function toXlsx(json) {
  const mod = await loadOpener();
  try {
    return mod.toXlsx(json);
  } catch (err) {
    if (err && typeof err === 'object' && typeof err.message === 'string') {
      throw new OpenerError(err.message, typeof err.messageEn === 'string' ? err.messageEn : err.message);
    }
    throw err;
  }
}
