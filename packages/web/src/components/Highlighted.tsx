import { segments } from "../lib/highlight";

/** A search snippet with <mark> around highlight ranges, built from text nodes only. */
export function Highlighted({
  text,
  ranges,
}: {
  text: string;
  ranges: ReadonlyArray<readonly [number, number]>;
}) {
  const parts = segments(text, ranges);
  let offset = 0;
  return (
    <>
      {parts.map((p) => {
        const key = offset;
        offset += p.text.length;
        return p.mark ? <mark key={key}>{p.text}</mark> : <span key={key}>{p.text}</span>;
      })}
    </>
  );
}
