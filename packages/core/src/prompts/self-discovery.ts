import type { Prompt } from "../api/prompt";

/**
 * Self-discovery: small, curious questions about what you like, need and value.
 * Ids are stable (journal entries refer to them): never renumber; add new prompts at the end.
 */
export const SELF_DISCOVERY_PROMPTS: readonly Prompt[] = [
  {
    id: "self-discovery-01",
    category: "self-discovery",
    text: "What is something you've enjoyed lately that surprised you?",
    builtIn: true,
  },
  {
    id: "self-discovery-02",
    category: "self-discovery",
    text: "Which sounds do you keep coming back to, and what do you think draws you to them?",
    builtIn: true,
  },
  {
    id: "self-discovery-03",
    category: "self-discovery",
    text: "When do you feel most like yourself? Describe one recent moment.",
    builtIn: true,
  },
  {
    id: "self-discovery-04",
    category: "self-discovery",
    text: "What is a small habit of yours that quietly says something about who you are?",
    builtIn: true,
  },
  {
    id: "self-discovery-05",
    category: "self-discovery",
    text: "What did you need more of today, and what did you need less of?",
    builtIn: true,
  },
  {
    id: "self-discovery-06",
    category: "self-discovery",
    text: "Describe a place where you feel calm. What makes it feel that way?",
    builtIn: true,
  },
  {
    id: "self-discovery-07",
    category: "self-discovery",
    text: "What is something you believed a few years ago that you see differently now?",
    builtIn: true,
  },
  {
    id: "self-discovery-08",
    category: "self-discovery",
    text: "What does a good evening look like for you, in simple terms?",
    builtIn: true,
  },
  {
    id: "self-discovery-09",
    category: "self-discovery",
    text: "Which of your qualities would a close friend mention first? Do you agree with them?",
    builtIn: true,
  },
  {
    id: "self-discovery-10",
    category: "self-discovery",
    text: "What are you curious about at the moment, even if it seems small?",
    builtIn: true,
  },
  {
    id: "self-discovery-11",
    category: "self-discovery",
    text: "What is one thing you'd like to do more slowly?",
    builtIn: true,
  },
  {
    id: "self-discovery-12",
    category: "self-discovery",
    text: "If your week had a title, what would it be, and why?",
    builtIn: true,
  },
  {
    id: "self-discovery-13",
    category: "self-discovery",
    text: "What does rest mean to you, as opposed to simply stopping?",
    builtIn: true,
  },
  {
    id: "self-discovery-14",
    category: "self-discovery",
    text: "What have these quiet moments been teaching you about yourself?",
    builtIn: true,
  },
];
