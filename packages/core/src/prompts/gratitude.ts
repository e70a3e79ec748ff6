import type { Prompt } from "../api/prompt";

/**
 * Gratitude: noticing the small things that were good.
 * Ids are stable (journal entries refer to them): never renumber; add new prompts at the end.
 */
export const GRATITUDE_PROMPTS: readonly Prompt[] = [
  {
    id: "gratitude-01",
    category: "gratitude",
    text: "What is one small thing from today you're glad happened?",
    builtIn: true,
  },
  {
    id: "gratitude-02",
    category: "gratitude",
    text: "Who made your day a little easier, perhaps without even knowing it?",
    builtIn: true,
  },
  {
    id: "gratitude-03",
    category: "gratitude",
    text: "What did your body do for you today that you'd like to thank it for?",
    builtIn: true,
  },
  {
    id: "gratitude-04",
    category: "gratitude",
    text: "Name a sound you're grateful for, either in this track or in your everyday life.",
    builtIn: true,
  },
  {
    id: "gratitude-05",
    category: "gratitude",
    text: "What comfort is around you right now: a blanket, a warm drink, a soft light, a quiet room?",
    builtIn: true,
  },
  {
    id: "gratitude-06",
    category: "gratitude",
    text: "Think of a simple meal or drink you enjoyed recently. What made it good?",
    builtIn: true,
  },
  {
    id: "gratitude-07",
    category: "gratitude",
    text: "What is something you have now that you once hoped for?",
    builtIn: true,
  },
  {
    id: "gratitude-08",
    category: "gratitude",
    text: "Which moment of kindness from this week, given or received, is still with you?",
    builtIn: true,
  },
  {
    id: "gratitude-09",
    category: "gratitude",
    text: "What is a place you're thankful to be able to return to?",
    builtIn: true,
  },
  {
    id: "gratitude-10",
    category: "gratitude",
    text: "Write a short thank-you note to someone, even if you never send it.",
    builtIn: true,
  },
  {
    id: "gratitude-11",
    category: "gratitude",
    text: "What went better than you expected recently?",
    builtIn: true,
  },
  {
    id: "gratitude-12",
    category: "gratitude",
    text: "What about this evening, right now, is quietly good?",
    builtIn: true,
  },
  {
    id: "gratitude-13",
    category: "gratitude",
    text: "Which ordinary object makes your days a bit easier? Write it a few words of thanks.",
    builtIn: true,
  },
  {
    id: "gratitude-14",
    category: "gratitude",
    text: "What is something about yourself you're grateful for today?",
    builtIn: true,
  },
];
