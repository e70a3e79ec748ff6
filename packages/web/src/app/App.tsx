import { lazy, type ReactNode, Suspense, useEffect, useRef } from "react";
import { PlayerProvider } from "../audio/PlayerProvider";
import { Header } from "../components/Header";
import { ErrorNote, Loading } from "../components/Status";
import { AuthPages } from "../pages/AuthRoutes";
import { HelpPage } from "../pages/HelpPage";
import { JournalPage } from "../pages/JournalPage";
import { WithRecoveryKeyGate } from "../pages/RecoveryKeyGate";
import { SearchPage } from "../pages/SearchPage";
import { SettingsPage } from "../pages/SettingsPage";
import { Link, match, navigate, useLocation } from "../router/router";
import { TodayPage } from "../today/TodayPage";
import { DataPage } from "../your-data/DataPage";
import { useAuth } from "./auth";

// The editor (CodeMirror, marked, DOMPurify) loads on first use, keeping the journal quick to open.
const EntryPage = lazy(() => import("../pages/EntryPage").then((m) => ({ default: m.EntryPage })));
// The session flow carries the editor and the built-in scenes; check-ups carry the chart library.
const SessionPage = lazy(() => import("../ritual/SessionPage").then((m) => ({ default: m.SessionPage })));
const CheckupsPage = lazy(() =>
  import("../checkups/CheckupsPage").then((m) => ({ default: m.CheckupsPage })),
);
const SleepDiaryPage = lazy(() =>
  import("../sleep/SleepDiaryPage").then((m) => ({ default: m.SleepDiaryPage })),
);
const InsightsPage = lazy(() =>
  import("../insights/InsightsPage").then((m) => ({ default: m.InsightsPage })),
);
// The studio carries the generator registry and the built-in scenes (the engine itself runs in the worklet).
const StudioPage = lazy(() => import("../studio/StudioPage").then((m) => ({ default: m.StudioPage })));
const CheckupPage = lazy(() => import("../checkups/CheckupPage").then((m) => ({ default: m.CheckupPage })));
// Blinded n-of-1 experiments (issue 15): designer, tonight's masked evening, interim view and report.
const ExperimentRoutes = lazy(() =>
  import("../experiments/ExperimentRoutes").then((m) => ({ default: m.ExperimentRoutes })),
);

const TITLES: Array<[string, string]> = [
  ["/", "Today"],
  ["/journal", "Journal"],
  ["/session", "Session"],
  ["/sleep", "Sleep diary"],
  ["/checkups", "Check-ups"],
  ["/studio", "Studio"],
  ["/insights", "Insights"],
  ["/experiments", "Experiments"],
  ["/experiments/new", "New experiment"],
  ["/experiments/tonight", "Tonight's experiment evening"],
  ["/entries/new", "New entry"],
  ["/search", "Search"],
  ["/settings", "Settings"],
  ["/data", "Your data"],
  ["/help", "Help & crisis support"],
];

function SignedInRoutes() {
  const { path, search, nav } = useLocation();
  if (path === "/") return <TodayPage key={`today-${nav}`} />;
  if (path === "/journal") return <JournalPage />;
  const sm = match("/sessions/:id", path);
  if (path === "/session" || sm?.id) {
    return (
      <Suspense fallback={<Loading label="Opening your session…" />}>
        <SessionPage key={`session-${nav}`} sessionId={sm?.id ?? null} />
      </Suspense>
    );
  }
  if (path === "/sleep" || path === "/checkups") {
    return (
      <Suspense fallback={<Loading label="Opening…" />}>
        {path === "/sleep" ? <SleepDiaryPage key={`sleep-${nav}`} /> : <CheckupsPage />}
      </Suspense>
    );
  }
  if (path === "/insights") {
    return (
      <Suspense fallback={<Loading label="Opening your insights…" />}>
        <InsightsPage key={`insights-${nav}`} />
      </Suspense>
    );
  }
  if (path === "/studio") {
    return (
      <Suspense fallback={<Loading label="Opening the studio…" />}>
        <StudioPage />
      </Suspense>
    );
  }
  if (path === "/experiments" || path.startsWith("/experiments/")) {
    return (
      <Suspense fallback={<Loading label="Opening experiments…" />}>
        <ExperimentRoutes key={`experiments-${nav}`} path={path} />
      </Suspense>
    );
  }
  const cm = match("/checkups/:id", path);
  if (cm?.id) {
    return (
      <Suspense fallback={<Loading label="Opening the check-up…" />}>
        <CheckupPage key={`checkup-${nav}`} instrumentId={cm.id} />
      </Suspense>
    );
  }
  const m = path === "/entries/new" ? null : match("/entries/:id", path);
  if (path === "/entries/new" || m?.id) {
    return (
      <Suspense fallback={<Loading label="Opening the editor…" />}>
        <EntryPage key={`entry-${nav}`} entryId={m?.id ?? null} clientId={m ? null : search.get("draft")} />
      </Suspense>
    );
  }
  if (path === "/search") return <SearchPage />;
  if (path === "/settings") return <SettingsPage />;
  if (path === "/data") return <DataPage />;
  if (path === "/help") return <HelpPage />;
  if (path === "/signin" || path === "/signup" || path === "/setup") {
    navigate("/", { replace: true });
    return null;
  }
  return (
    <div className="empty">
      <p>There is no page here.</p>
      <Link to="/">Back to Today</Link>
    </div>
  );
}

export function App() {
  const auth = useAuth();
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    const t =
      TITLES.find(([p]) => p === path)?.[1] ??
      (path.startsWith("/entries/")
        ? "Entry"
        : path.startsWith("/sessions/")
          ? "Session"
          : path.startsWith("/checkups/")
            ? "Check-up"
            : path.startsWith("/experiments/")
              ? "Experiment"
              : null);
    document.title = t ? `${t} · Meridian` : "Meridian";
    // Move focus to the page on client-side navigation so screen readers hear the new page.
    if (first.current) first.current = false;
    else if (!path.startsWith("/entries/") && !path.startsWith("/session"))
      mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  let body: ReactNode;
  if (auth.phase === "loading") body = <Loading label="Opening Meridian…" />;
  else if (auth.phase === "error")
    body = (
      <ErrorNote>
        Can't reach the Meridian server ({auth.error}).{" "}
        <button type="button" className="btn btn-small" onClick={() => void auth.refresh()}>
          Try again
        </button>
      </ErrorNote>
    );
  else if (path === "/help") body = <HelpPage />;
  else if (auth.user)
    body = (
      <WithRecoveryKeyGate user={auth.user}>
        <SignedInRoutes />
      </WithRecoveryKeyGate>
    );
  else body = <AuthPages />;

  return (
    <PlayerProvider>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header user={auth.user} onSignOut={() => void auth.signOut().then(() => navigate("/signin"))} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {body}
      </main>
      <footer className="site-footer chrome">
        Meridian is a wellbeing journal, not a treatment. In crisis? <Link to="/help">Find support now</Link>.
      </footer>
    </PlayerProvider>
  );
}
