/** Crisis resources shown on every questionnaire result and on the Help page.
 *
 * Apps have shipped dead crisis numbers (brief §4.3): re-check these at build time and
 * periodically, and update `CRISIS_RESOURCES_PROVENANCE` when someone does. */
export const CRISIS_RESOURCES_PROVENANCE =
  "Numbers and addresses from the research brief §4.3; not yet re-verified by dialling or visiting.";

export interface CrisisContact {
  readonly kind: "call" | "text" | "chat" | "email" | "web";
  /** What the link says, e.g. "Call 988". */
  readonly label: string;
  readonly href: string;
}

export interface CrisisResource {
  readonly id: string;
  /** Where it works: ISO 3166 codes, or "*" for the international directory. */
  readonly regions: readonly string[];
  readonly regionLabel: string;
  readonly name: string;
  /** One warm sentence on what they offer. */
  readonly description: string;
  readonly contacts: readonly CrisisContact[];
  /** The emergency number(s) for immediate danger, when the resource covers one region. */
  readonly emergency: string | null;
}

export const CRISIS_RESOURCES: readonly CrisisResource[] = [
  {
    id: "us-988",
    regions: ["US"],
    regionLabel: "United States",
    name: "988 Suicide & Crisis Lifeline",
    description: "Free, confidential support from a trained counsellor, any time. Call or text 988.",
    contacts: [
      { kind: "call", label: "Call 988", href: "tel:988" },
      { kind: "text", label: "Text 988", href: "sms:988" },
      { kind: "chat", label: "Chat at 988lifeline.org", href: "https://988lifeline.org" },
    ],
    emergency: "911",
  },
  {
    id: "uk-roi-samaritans",
    regions: ["GB", "IE"],
    regionLabel: "UK and Ireland",
    name: "Samaritans",
    description:
      "Someone to listen, day or night, 24/7. Call 116 123 free from any phone; the number won't appear on your phone bill.",
    contacts: [
      { kind: "call", label: "Call 116 123", href: "tel:116123" },
      { kind: "email", label: "Email jo@samaritans.org", href: "mailto:jo@samaritans.org" },
      { kind: "web", label: "samaritans.org", href: "https://www.samaritans.org" },
    ],
    emergency: "999 or 112",
  },
  {
    id: "findahelpline",
    regions: ["*"],
    regionLabel: "Everywhere else",
    name: "Find A Helpline",
    description:
      "A free directory of helplines around the world: find a service in your country at findahelpline.com.",
    contacts: [{ kind: "web", label: "findahelpline.com", href: "https://findahelpline.com" }],
    emergency: null,
  },
];

/** Heading and lead-in for the crisis block, in our own words. */
export const CRISIS_HEADING = "If you need to talk to someone now";
export const CRISIS_INTRO =
  "If you are struggling, or thinking about harming yourself, you don't have to carry it alone. These services are free and there for you right now. If you are in immediate danger, call your local emergency number.";

/** Resources ordered for a region: the local service first, the international directory
 * always last, and the other regions' services in between. */
export function crisisResourcesFor(region: string | null): readonly CrisisResource[] {
  const code = region?.toUpperCase() ?? null;
  const local = CRISIS_RESOURCES.filter((r) => code !== null && r.regions.includes(code));
  const global = CRISIS_RESOURCES.filter((r) => r.regions.includes("*"));
  const others = CRISIS_RESOURCES.filter((r) => !local.includes(r) && !global.includes(r));
  return [...local, ...others, ...global];
}
