/** Small, realistic import files written for these tests (none is anyone's real journal). */

/** Day One Journal.json: a heading title with escapes, a photo, two zones (one across midnight
 * UTC), a starred entry, an entry without tags or title, CRLF line endings. */
export const DAY_ONE_JOURNAL = JSON.stringify({
  metadata: { version: "1.0" },
  entries: [
    {
      uuid: "3F2A9C1B8E7D4A6B9C0D1E2F3A4B5C6D",
      creationDate: "2023-11-04T22:47:10Z",
      modifiedDate: "2023-11-05T07:02:00Z",
      timeZone: "Asia/Tokyo",
      starred: true,
      tags: ["Sleep", "evening routine"],
      text: "# Couldn't settle\\. Tried the rain scene\n\nLay down at 7:30\\. Listened for 20 minutes \\(maybe more\\)\\!\n\n![](dayone-moment://A1B2C3D4E5F60718293A4B5C6D7E8F90)\n\n1\\. tea\n2\\. book\n\\- not a list",
      photos: [
        {
          identifier: "A1B2C3D4E5F60718293A4B5C6D7E8F90",
          md5: "0cc175b9c0f1b6a831c399e269772661",
          type: "jpeg",
        },
      ],
      location: { placeName: "Home" },
    },
    {
      uuid: "9A8B7C6D5E4F30211203F4E5D6C7B8A9",
      creationDate: "2024-03-31T00:30:00Z",
      timeZone: "America/New_York",
      text: "Morning pages.\r\nShort one today, *still* tired.",
    },
    {
      uuid: "0F1E2D3C4B5A69788796A5B4C3D2E1F0",
      creationDate: "2024-06-01T12:00:00Z",
      timeZone: "Europe/Berlin",
      tags: ["@gratitude", "!!!"],
      text: "## Three good things\n\nSun on the balcony, a call with Mo, the new kettle.",
    },
  ],
});

/** jrnl --export json: starred entry, multi-line body, time with seconds, tag prefixes. */
export const JRNL_EXPORT = JSON.stringify({
  tags: { "@work": 2, "@walk": 1 },
  entries: [
    {
      title: "Long day at @work.",
      body: "Meetings until six.\nWalked home the long way and felt better.\n",
      date: "2024-02-10",
      time: "19:45",
      tags: ["@work"],
      starred: false,
    },
    {
      title: "Saturday walk",
      body: "Took the river path. Frost on the reeds.",
      date: "2024-02-11",
      time: "08:05:00",
      tags: ["@walk"],
      starred: true,
    },
    {
      title: "Short note.",
      body: "",
      date: "2024-02-12",
      time: "23:59",
      tags: ["@work"],
      starred: false,
    },
  ],
});

/** Daylio CSV (newer layout with note_title): quoted notes holding commas, quotes and line
 * breaks, 12-hour times, CRLF endings, a BOM, a custom mood. */
export const DAYLIO_CSV = [
  "\uFEFFfull_date,date,weekday,time,mood,activities,note_title,note",
  '2024-05-03,May 3,Friday,9:15 pm,good,"friends | good meal | reading","Dinner with Sam","Pasta, wine, and ""that"" story again.<br>Home by ten."',
  "2024-05-04,May 4,Saturday,7:02 am,meh,,,",
  '2024-05-04,May 4,Saturday,10:40 pm,awful,work,,"Deadline moved up.',
  "Couldn't switch off, so wrote this instead.\"",
  "2024-05-05,May 5,Sunday,12:00 pm,sleepy-ish,nap | rain,,Slept through the afternoon",
  "",
].join("\r\n");

/** Older Daylio layout (no note_title), 24-hour times. */
export const DAYLIO_CSV_OLD = [
  "full_date,date,weekday,time,mood,activities,note",
  '2023-01-01,January 1,Sunday,00:10,rad,party | friends,"New year, new notebook"',
  '2023-01-01,January 1,Sunday,00:10,rad,party | friends,"New year, new notebook"',
].join("\n");
