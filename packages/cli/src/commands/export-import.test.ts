import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

const PW = "correct horse battery\n";
const DAY_ONE = JSON.stringify({
  metadata: { version: "1.0" },
  entries: [
    {
      uuid: "AAAA0000AAAA0000AAAA0000AAAA0000",
      creationDate: "2024-05-01T06:00:00Z",
      timeZone: "Asia/Kolkata",
      text: "# Sunrise\n\nChai on the roof\\.",
      tags: ["morning"],
    },
    {
      uuid: "BBBB0000BBBB0000BBBB0000BBBB0000",
      creationDate: "2024-05-02T18:00:00Z",
      timeZone: "Asia/Kolkata",
      text: "Evening rain, finally.",
    },
  ],
});

describe("meridian export and import", () => {
  const dir = mkdtempSync(join(tmpdir(), "meridian-cli-data-"));
  let env: NodeJS.ProcessEnv | undefined;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const entriesIn = async (name: string): Promise<{ title: string | null; body: string }[]> => {
    const out = join(dir, name);
    const io = captureIO({ stdin: PW, env });
    expect(await run(["export", "--user", "ana", "--out", out, "--password-stdin"], io)).toBe(0);
    const archive = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))["archive.json"]));
    return archive.entries;
  };

  beforeAll(async () => {
    const io = captureIO({ stdin: PW });
    env = io.env;
    expect(await run(["user", "add", "ana", "--owner", "--password-stdin"], io)).toBe(0);
  });

  it("imports a Day One file once, then finds every entry already there", async () => {
    const path = file("Journal.json", DAY_ONE);
    const dry = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", path, "--dry-run", "--password-stdin"], dry)).toBe(0);
    expect(dry.out()).toContain("Day One JSON export: 2 records, 2 new, 0 already here.");
    expect(dry.out()).toContain("Dry run: nothing was imported.");
    expect(await entriesIn("after-dry.zip")).toEqual([]);

    const first = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", path, "--password-stdin"], first)).toBe(0);
    expect(first.out()).toContain("Imported 2 new records into 'ana'.");
    const again = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", path, "--password-stdin"], again)).toBe(0);
    expect(again.out()).toContain("2 records, 0 new, 2 already here.");

    const entries = await entriesIn("after-import.zip");
    expect(entries.map((e) => e.title)).toEqual(["Sunrise", null]);
    expect(entries[0]?.body).toBe("Chai on the roof.");
  });

  it("exports Markdown files", async () => {
    const out = join(dir, "md.zip");
    const io = captureIO({ stdin: PW, env });
    expect(
      await run(["export", "--user", "ana", "--out", out, "--format", "markdown", "--password-stdin"], io),
    ).toBe(0);
    const names = Object.keys(unzipSync(readFileSync(out))).sort();
    expect(names).toEqual(["journal/2024-05-01 Sunrise.md", "journal/2024-05-02.md"]);
  });

  it("refuses a malformed file with a message, exit 1 and nothing written", async () => {
    const bad = file("bad.csv", "full_date,time,mood\n2024-01-01,10:00,good\n2024-01-02,99:00,meh\n");
    const io = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", bad, "--password-stdin"], io)).toBe(1);
    expect(io.err()).toContain(
      'bad.csv can\'t be imported: Line 3: time "99:00" is not a time like 21:05 or 9:05 pm',
    );
    expect(io.err()).toContain("Nothing was imported.");
    expect(await entriesIn("after-bad.zip")).toHaveLength(2);

    const missing = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", join(dir, "nope.json"), "--password-stdin"], missing)).toBe(
      1,
    );
    expect(missing.err()).toContain("Can't read");
  });

  it("takes the file size limit from MERIDIAN_IMPORT_LIMIT_MB, as the server does", async () => {
    // 1.2 MB of valid jrnl JSON: refused under a 1 MB limit, before it is read.
    const long = JSON.stringify({
      entries: Array.from({ length: 12 }, (_, i) => ({
        title: `Long ${i}`,
        body: "x".repeat(100_000),
        date: `2024-03-${String(i + 10)}`,
        time: "21:00",
        tags: [],
        starred: false,
      })),
    });
    const path = file("long.json", long);
    const small = captureIO({ stdin: PW, env: { ...env, MERIDIAN_IMPORT_LIMIT_MB: "1" } });
    expect(await run(["import", "--user", "ana", path, "--password-stdin"], small)).toBe(1);
    expect(small.err()).toContain(
      "long.json can't be imported: The file is larger than the import limit of 1 MB.",
    );
    expect(small.err()).toContain("Nothing was imported.");
    expect(await entriesIn("after-limit.zip")).toHaveLength(2);

    // A limit raised past the default reaches the CLI too: a 51 MB file is read and parsed.
    const big = join(dir, "big.json");
    writeFileSync(big, Buffer.alloc(51 * 1024 * 1024, 0x20));
    const raised = captureIO({ stdin: PW, env: { ...env, MERIDIAN_IMPORT_LIMIT_MB: "60" } });
    expect(await run(["import", "--user", "ana", big, "--password-stdin"], raised)).toBe(1);
    expect(raised.err()).toContain("big.json can't be imported:");
    expect(raised.err()).not.toContain("larger than");
    const fallback = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", big, "--password-stdin"], fallback)).toBe(1);
    expect(fallback.err()).toContain("The file is larger than the import limit of 50 MB.");
  });

  it("needs the password on stdin, the right one, and never overwrites a file", async () => {
    const noPw = captureIO({ env });
    expect(await run(["export", "--user", "ana", "--out", join(dir, "x.zip")], noPw)).toBe(2);
    expect(noPw.err()).toContain("--password-stdin");
    const wrong = captureIO({ stdin: "not it at all\n", env });
    expect(
      await run(["export", "--user", "ana", "--out", join(dir, "y.zip"), "--password-stdin"], wrong),
    ).toBe(1);
    expect(wrong.err()).toContain("No account 'ana' with that password.");
    expect(existsSync(join(dir, "y.zip"))).toBe(false);
    const exists = captureIO({ stdin: PW, env });
    expect(
      await run(["export", "--user", "ana", "--out", join(dir, "md.zip"), "--password-stdin"], exists),
    ).toBe(1);
    expect(exists.err()).toContain("already exists");
    const format = captureIO({ stdin: PW, env });
    expect(
      await run(["export", "--user", "ana", "--out", join(dir, "z.zip"), "--format", "pdf"], format),
    ).toBe(2);
  });

  it("restores an archive into another account, once", async () => {
    const add = captureIO({ stdin: "ben's long password\n", env });
    expect(await run(["user", "add", "ben", "--password-stdin"], add)).toBe(0);
    const zip = join(dir, "after-import.zip");
    const first = captureIO({ stdin: "ben's long password\n", env });
    expect(await run(["import", "--user", "ben", zip, "--password-stdin"], first)).toBe(0);
    expect(first.out()).toContain("Meridian archive: 2 records, 2 new, 0 already here.");
    expect(first.out()).toContain("Imported 2 new records into 'ben'.");
    const again = captureIO({ stdin: "ben's long password\n", env });
    expect(await run(["import", "--user", "ben", zip, "--password-stdin"], again)).toBe(0);
    expect(again.out()).toContain("2 records, 0 new, 2 already here.");
  });
});
