import type { Prompt } from "../api/prompt";

/**
 * Catharsis: letting something out on the page, gently, and then setting it down.
 * Ids are stable (journal entries refer to them): never renumber; add new prompts at the end.
 */
export const CATHARSIS_PROMPTS: readonly Prompt[] = [
  {
    id: "catharsis-01",
    category: "catharsis",
    text: "What has felt heavy today? Write it as plainly as you can, then write one thing you'll set down for tonight.",
    builtIn: true,
  },
  {
    id: "catharsis-02",
    category: "catharsis",
    text: "Is there something you didn't get to say today? Say it here, where it's safe to leave it.",
    builtIn: true,
  },
  {
    id: "catharsis-03",
    category: "catharsis",
    text: "Write about a small frustration from this week, just enough to get it out of your head. Then end with one thing that is okay right now.",
    builtIn: true,
  },
  {
    id: "catharsis-04",
    category: "catharsis",
    text: "If today's stress were one of the sounds in this track, which would it be? Let it play out on the page, then let it fade.",
    builtIn: true,
  },
  {
    id: "catharsis-05",
    category: "catharsis",
    text: "What are you tired of holding together? Name it, and then name one part of it that can wait until tomorrow.",
    builtIn: true,
  },
  {
    id: "catharsis-06",
    category: "catharsis",
    text: "Write a letter you will never send, only as long as feels right. When you're done, notice how your shoulders feel.",
    builtIn: true,
  },
  {
    id: "catharsis-07",
    category: "catharsis",
    text: "Which feeling has been loudest today? Describe it like a passing sound: where it started, how loud it got, and whether it's quieter now.",
    builtIn: true,
  },
  {
    id: "catharsis-08",
    category: "catharsis",
    text: "Let yourself grumble for a few lines without editing. Then write one kind sentence to yourself.",
    builtIn: true,
  },
  {
    id: "catharsis-09",
    category: "catharsis",
    text: "What worry is on your mind tonight? Write it down, then add one small step for tomorrow, or simply that it can wait.",
    builtIn: true,
  },
  {
    id: "catharsis-10",
    category: "catharsis",
    text: "Was there a moment today when you held something back? Write about it gently, only as much as feels okay.",
    builtIn: true,
  },
  {
    id: "catharsis-11",
    category: "catharsis",
    text: "Empty everything that's buzzing around your head onto the page as a list. Then mark one item you're allowed to forget until morning.",
    builtIn: true,
  },
  {
    id: "catharsis-12",
    category: "catharsis",
    text: "What would you like to let go of, even just for the length of this track? Write it, and picture it drifting off with the sound.",
    builtIn: true,
  },
  {
    id: "catharsis-13",
    category: "catharsis",
    text: "Write about something that didn't go the way you hoped. Finish by noting one thing you handled as well as you could.",
    builtIn: true,
  },
  {
    id: "catharsis-14",
    category: "catharsis",
    text: "If you could put one feeling in a box for the night, which would it be? Describe the box and where it will wait until you're ready.",
    builtIn: true,
  },
];
