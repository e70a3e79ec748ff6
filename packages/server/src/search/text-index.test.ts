import { describe, expect, it } from "vitest";
import { boundedEditDistance, type IndexDoc, MAX_PREFIX_TERMS, maxTypos, TextIndex } from "./text-index";

function doc(id: string, body: string, title = "", tags: string[] = []): IndexDoc {
  return { id, title, body, tags };
}

function indexOf(...docs: IndexDoc[]): TextIndex {
  const index = new TextIndex();
  index.addAll(docs);
  return index;
}

const ids = (index: TextIndex, query: string, limit = 50) => index.search(query, limit).map((h) => h.id);

describe("TextIndex ranking", () => {
  it("boosts title over tags over body", () => {
    const index = indexOf(
      doc("body", "lantern filler words here", "evening"),
      doc("tag", "some filler words here", "evening", ["lantern"]),
      doc("title", "some filler words here", "lantern"),
      doc("none", "nothing to see here", "evening"),
    );
    expect(ids(index, "lantern")).toEqual(["title", "tag", "body"]);
  });

  it("ranks more occurrences higher, and shorter documents higher at equal counts", () => {
    const index = indexOf(
      doc("once", "kettle one two three four five"),
      doc("thrice", "kettle one kettle two kettle three"),
      doc("long", "kettle one two three four five six seven eight nine ten eleven twelve"),
    );
    expect(ids(index, "kettle")).toEqual(["thrice", "once", "long"]);
  });

  it("weighs rarer terms more (idf from live documents)", () => {
    const filler = Array.from({ length: 8 }, (_, i) => doc(`f${i}`, `common filler ${i}`));
    const index = indexOf(
      ...filler,
      doc("rare-twice", "rare rare common x"),
      doc("common-twice", "rare common common x"),
    );
    expect(ids(index, "rare common")).toEqual(["rare-twice", "common-twice"]);
    const [first, second] = index.search("rare common", 2);
    expect(first?.score).toBeGreaterThan(second?.score ?? Infinity);
  });

  it("requires every query term (AND), in any field", () => {
    const index = indexOf(
      doc("both", "quiet tea by the window"),
      doc("split", "a quiet walk", "Tea"),
      doc("one", "quiet morning"),
      doc("other", "green tea"),
    );
    expect(ids(index, "quiet tea").sort()).toEqual(["both", "split"]);
    expect(ids(index, "tea quiet window")).toEqual(["both"]);
    expect(ids(index, "quiet absent")).toEqual([]);
    expect(ids(index, "!!! ???")).toEqual([]);
  });

  it("respects the limit and breaks ties by insertion order", () => {
    const index = indexOf(...Array.from({ length: 30 }, (_, i) => doc(`d${i}`, "same words")));
    expect(ids(index, "same", 5)).toEqual(["d0", "d1", "d2", "d3", "d4"]);
    expect(index.search("same", 0)).toEqual([]);
  });
});

describe("TextIndex prefix and typo matching", () => {
  it("expands a prefix, ranking exact matches first", () => {
    const index = indexOf(doc("storm", "a thunderstorm at night"), doc("exact", "thunder at night"));
    expect(ids(index, "thund")).toEqual(["exact", "storm"]);
    expect(ids(index, "thunder")).toEqual(["exact", "storm"]);
    expect(ids(index, "t")).toHaveLength(2);
    expect(ids(index, "thunderstorms")).toEqual(["storm"]); // a typo (one extra letter)
  });

  it("caps how many terms a short prefix expands to, keeping the most used", () => {
    const docs = Array.from({ length: 60 }, (_, i) => doc(`d${i}`, `zq${String(i).padStart(2, "0")}`));
    docs.push(doc("p1", "zqpopular"), doc("p2", "zqpopular again"));
    const index = indexOf(...docs);
    const hits = ids(index, "zq", 100);
    // The popular term is kept (2 documents) plus 49 single-document terms.
    expect(hits).toHaveLength(MAX_PREFIX_TERMS + 1);
    expect(hits).toEqual(expect.arrayContaining(["p1", "p2"]));
  });

  it("finds a word despite a typo, within the distance rules", () => {
    const index = indexOf(
      doc("w", "stormy weather today"),
      doc("t", "a thunderstorm rolled in"),
      doc("c", "the cat sat"),
    );
    expect(ids(index, "wether")).toEqual(["w"]); // 6 chars: one deletion
    expect(ids(index, "waether")).toEqual(["w"]); // 7 chars: one transposition
    expect(ids(index, "wethar")).toEqual([]); // 6 chars: two edits is too many
    expect(ids(index, "thunderstrom")).toEqual(["t"]); // transposition
    expect(ids(index, "thndrstorm")).toEqual(["t"]); // 10 chars: two deletions
    expect(ids(index, "thndrstrm")).toEqual([]); // three deletions
    expect(ids(index, "cst")).toEqual([]); // under 4 chars: exact or prefix only
  });

  it("ranks an exact match above a typo match", () => {
    const index = indexOf(doc("rail", "the rail line"), doc("rain", "the rain fell"));
    expect(ids(index, "rain")).toEqual(["rain", "rail"]);
  });

  it("computes bounded edit distances", () => {
    expect(boundedEditDistance("kitten", "sitting", 3)).toBe(3);
    expect(boundedEditDistance("kitten", "sitting", 2)).toBe(3); // over the bound → max + 1
    expect(boundedEditDistance("abcd", "abdc", 2)).toBe(1);
    expect(boundedEditDistance("same", "same", 1)).toBe(0);
    expect(boundedEditDistance("a", "abcd", 1)).toBe(2);
    expect([3, 4, 7, 8, 12].map(maxTypos)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe("TextIndex updates", () => {
  it("upsert replaces the old text", () => {
    const index = indexOf(doc("a", "pears and apples"), doc("b", "apples only"));
    index.upsert(doc("a", "plums now"));
    expect(ids(index, "pears")).toEqual([]);
    expect(ids(index, "apples")).toEqual(["b"]);
    expect(ids(index, "plums")).toEqual(["a"]);
    expect(index.size).toBe(2);
    expect(index.stats.tombstones).toBe(1);
    index.upsert(doc("c", "new plums"));
    expect(ids(index, "plums").sort()).toEqual(["a", "c"]);
  });

  it("remove drops a document", () => {
    const index = indexOf(doc("a", "zeppelin overhead"), doc("b", "balloon overhead"));
    expect(index.remove("a")).toBe(true);
    expect(index.remove("a")).toBe(false);
    expect(index.has("a")).toBe(false);
    expect(ids(index, "zeppelin")).toEqual([]);
    expect(ids(index, "zep")).toEqual([]); // a term no live document has is not expanded to
    expect(ids(index, "overhead")).toEqual(["b"]);
    index.remove("b");
    expect(index.size).toBe(0);
    expect(ids(index, "overhead")).toEqual([]);
  });

  it("compaction keeps results identical and drops dead slots and terms", () => {
    const words = "rain window quiet evening tea pages whisper breath warm heavy slow light garden".split(
      " ",
    );
    const text = (i: number, v: number) =>
      Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 3 + v) % words.length]).join(" ") +
      ` v${v}x${i}`;
    const index = new TextIndex({ minTombstones: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 40; i++)
      index.upsert(doc(`d${i}`, text(i, 0), i % 3 ? "" : "Rain", i % 4 ? [] : ["tea"]));
    for (let v = 1; v <= 3; v++) for (let i = 0; i < 40; i += 2) index.upsert(doc(`d${i}`, text(i, v)));
    index.remove("d5");
    const queries = ["rain", "quiet tea", "wind", "whispr", "v3x", "v0x1", "garden light slow"];
    const before = queries.map((q) => index.search(q, 50));
    const stats = index.stats;
    expect(stats.tombstones).toBe(61);
    index.compact();
    expect(index.stats).toMatchObject({ docs: 39, slots: 39, tombstones: 0 });
    expect(index.stats.terms).toBeLessThan(stats.terms); // old versions' unique terms are gone
    expect(queries.map((q) => index.search(q, 50))).toEqual(before);
    // and it keeps working afterwards
    index.upsert(doc("d1", "completely different"));
    expect(ids(index, "different")).toEqual(["d1"]);
    expect(ids(index, "v0x1")).not.toContain("d1");
    expect(ids(index, "v0x1")).toContain("d11");
  });

  it("compacts by itself once tombstones pass the threshold", () => {
    const index = new TextIndex({ minTombstones: 4, compactRatio: 0.25 });
    for (let i = 0; i < 10; i++) index.upsert(doc(`d${i}`, `word${i}`));
    for (let v = 0; v < 100; v++) {
      index.upsert(doc("d0", `draft ${v}`));
      expect(index.stats.tombstones).toBeLessThanOrEqual(Math.max(4, 0.25 * index.stats.slots));
    }
    expect(ids(index, "draft")).toEqual(["d0"]);
    expect(index.stats.slots).toBeLessThan(20);
  });
});

describe("TextIndex matched terms", () => {
  it("reports which expanded terms each hit contains", () => {
    const index = indexOf(doc("a", "Café then cafés, no cafeteria"), doc("b", "cafe only"));
    const terms = new Map(index.search("café", 10).map((h) => [h.id, h.terms]));
    expect(terms.get("a")).toEqual(["cafe", "cafes", "cafeteria"]);
    expect(terms.get("b")).toEqual(["cafe"]);
  });
});
