import type { Prompt } from "../api/prompt";

/**
 * Sleep: soft, slow prompts for winding down at the end of the day.
 * Ids are stable (journal entries refer to them): never renumber; add new prompts at the end.
 */
export const SLEEP_PROMPTS: readonly Prompt[] = [
  {
    id: "sleep-01",
    category: "sleep",
    text: "As the sound plays, write three soft words for how you'd like to feel as you fall asleep.",
    builtIn: true,
  },
  {
    id: "sleep-02",
    category: "sleep",
    text: "What is one thing from today that is finished and can stay there?",
    builtIn: true,
  },
  {
    id: "sleep-03",
    category: "sleep",
    text: "Describe your bed as it feels right now, in a few slow sentences.",
    builtIn: true,
  },
  {
    id: "sleep-04",
    category: "sleep",
    text: "Let your writing slow down with the sound. What is the quietest thing you can notice?",
    builtIn: true,
  },
  {
    id: "sleep-05",
    category: "sleep",
    text: "Write one gentle sentence you'd like to hear as you drift off.",
    builtIn: true,
  },
  {
    id: "sleep-06",
    category: "sleep",
    text: "What is one thing that can wait until tomorrow? Write it down so your mind can rest.",
    builtIn: true,
  },
  {
    id: "sleep-07",
    category: "sleep",
    text: "Picture a calm, familiar place and describe a single detail of it.",
    builtIn: true,
  },
  {
    id: "sleep-08",
    category: "sleep",
    text: "Which part of your body is ready to rest first? Let it grow heavy as you write.",
    builtIn: true,
  },
  {
    id: "sleep-09",
    category: "sleep",
    text: "Write a short, unhurried list of things that are soft.",
    builtIn: true,
  },
  {
    id: "sleep-10",
    category: "sleep",
    text: "What was the calmest moment of your day, however brief?",
    builtIn: true,
  },
  {
    id: "sleep-11",
    category: "sleep",
    text: "Imagine rain tapping on a window. Write a few words, then let them trail off.",
    builtIn: true,
  },
  {
    id: "sleep-12",
    category: "sleep",
    text: "If tonight's sleep had a soft shade, which one would you choose?",
    builtIn: true,
  },
  {
    id: "sleep-13",
    category: "sleep",
    text: "Breathe out a little longer than you breathe in, a few times. How does your body feel afterwards?",
    builtIn: true,
  },
  {
    id: "sleep-14",
    category: "sleep",
    text: "Say goodnight to a few things around you, one per line, as slowly as you like.",
    builtIn: true,
  },
];
