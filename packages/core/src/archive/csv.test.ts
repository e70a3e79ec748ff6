import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)", () => {
    const records = parseCsv('a,b,c\r\n"1, one","say ""hi""","two\r\nlines"\r\n3,,x\n');
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b", "c"],
      ["1, one", 'say "hi"', "two\r\nlines"],
      ["3", "", "x"],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("skips a byte-order mark and blank lines, keeps a last record without a newline", () => {
    expect(parseCsv("\uFEFFx,y\n\n1,2").map((r) => r.fields)).toEqual([
      ["x", "y"],
      ["1", "2"],
    ]);
    expect(parseCsv('"",""').map((r) => r.fields)).toEqual([["", ""]]);
  });

  it("names the line of malformed input", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(new CsvError("a quoted field is never closed", 2));
    expect(() => parseCsv('a,b\n1,x"y')).toThrow(/Line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a\n"q"z')).toThrow(/Line 2: text after a closing quote/);
  });
});
