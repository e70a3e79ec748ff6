import { SLEEP_DEFINITIONS, SLEEP_TIME_RULES } from "@meridian/core";

/** Our written-down definitions of the derived sleep measures (core SLEEP_DEFINITIONS). */
export function SleepDefinitions({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="sleep-defs-heading" className="sleep-defs" data-testid="sleep-definitions">
      <Heading id="sleep-defs-heading">How the sleep numbers are worked out</Heading>
      <dl>
        {SLEEP_DEFINITIONS.map((d) => (
          <div key={d.id} className="def">
            <dt>
              {d.name}
              {d.abbreviation && <abbr className="muted"> ({d.abbreviation})</abbr>}
              <span className="formula"> = {d.formula}</span>
            </dt>
            <dd>{d.text}</dd>
          </div>
        ))}
      </dl>
      <p className="small">{SLEEP_TIME_RULES}</p>
    </section>
  );
}
