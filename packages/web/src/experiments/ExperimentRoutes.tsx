import { match } from "../router/router";
import { DesignerPage } from "./DesignerPage";
import { ExperimentPage } from "./ExperimentPage";
import { ExperimentsPage } from "./ExperimentsPage";
import { TonightPage } from "./TonightPage";

/** /experiments, /experiments/new, /experiments/tonight and /experiments/:id (interim or report). */
export function ExperimentRoutes({ path }: { path: string }) {
  if (path === "/experiments/new") return <DesignerPage />;
  if (path === "/experiments/tonight") return <TonightPage />;
  const m = match("/experiments/:id", path);
  if (m?.id) return <ExperimentPage id={m.id} />;
  return <ExperimentsPage />;
}
