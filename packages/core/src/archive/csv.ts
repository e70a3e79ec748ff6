/** A small RFC 4180 CSV reader: comma-separated fields, double-quoted fields may hold commas,
 * line breaks and doubled quotes (""), records end with CRLF or LF. A UTF-8 byte-order mark at
 * the start is skipped. Malformed input (a quote inside an unquoted field, an unterminated
 * quoted field, text after a closing quote) throws CsvError naming the line. */

export class CsvError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`Line ${line}: ${message}`);
    this.name = "CsvError";
    this.line = line;
  }
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = "";
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    // A blank line (one empty field) is no record.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: recordLine });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      if (fieldStarted || field !== "") throw new CsvError("a quote inside an unquoted field", line);
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError("a quoted field is never closed", quoteLine);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      fieldStarted = true;
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
        throw new CsvError("text after a closing quote", line);
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      fieldStarted = false;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (fieldStarted) throw new CsvError("text after a closing quote", line);
    field += ch;
    i++;
  }
  if (field !== "" || fieldStarted || fields.length > 0) endRecord();
  return records;
}
