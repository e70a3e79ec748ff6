import { CRISIS_HEADING, CRISIS_INTRO, CRISIS_RESOURCES } from "@meridian/core";

interface Props {
  /** Prominent: emphasised, at the top of a result with a high PHQ-8/GAD-7 score. */
  prominent?: boolean;
  /** A sentence above the resources (careLevel's message). */
  message?: string;
  headingLevel?: 2 | 3;
  id?: string;
}

/** Crisis resources from core (CRISIS_RESOURCES): shown on every check-up result and the Help page. */
export function CrisisResources({ prominent = false, message, headingLevel = 2, id = "crisis" }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      className={prominent ? "crisis crisis-prominent" : "crisis"}
      aria-labelledby={`${id}-heading`}
      data-testid="crisis-resources"
      data-prominent={prominent ? "true" : "false"}
      role={prominent ? "alert" : undefined}
    >
      <Heading id={`${id}-heading`} className="flush-top">
        {CRISIS_HEADING}
      </Heading>
      {message && <p className="crisis-message">{message}</p>}
      <p>{CRISIS_INTRO}</p>
      <ul className="crisis-list">
        {CRISIS_RESOURCES.map((r) => (
          <li key={r.id}>
            <strong>{r.regionLabel}:</strong> {r.name}. {r.description}
            <span className="crisis-contacts">
              {r.contacts.map((c) => (
                <a key={c.href} href={c.href} className="btn btn-small" rel="noreferrer">
                  {c.label}
                </a>
              ))}
            </span>
            {r.emergency && <span className="muted small"> In immediate danger, call {r.emergency}.</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
