import type { User } from "@meridian/core";
import { Link, useLocation } from "../router/router";

function Moon() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M21 6a10 10 0 1 0 5 15A8 8 0 0 1 21 6z" fill="#d9b779" />
    </svg>
  );
}

interface NavItem {
  to: string;
  label: string;
  active: (path: string) => boolean;
  className?: string;
}

const SIGNED_IN: NavItem[] = [
  { to: "/", label: "Today", active: (p) => p === "/" || p === "/session" || p.startsWith("/sessions/") },
  { to: "/journal", label: "Journal", active: (p) => p === "/journal" },
  { to: "/entries/new", label: "New entry", active: (p) => p === "/entries/new" },
  { to: "/studio", label: "Studio", active: (p) => p === "/studio" },
  { to: "/sleep", label: "Sleep diary", active: (p) => p === "/sleep" },
  { to: "/checkups", label: "Check-ups", active: (p) => p.startsWith("/checkups") },
  { to: "/insights", label: "Insights", active: (p) => p === "/insights" },
  { to: "/experiments", label: "Experiments", active: (p) => p.startsWith("/experiments") },
  { to: "/search", label: "Search", active: (p) => p === "/search" },
  { to: "/settings", label: "Settings", active: (p) => p === "/settings" },
  { to: "/data", label: "Your data", active: (p) => p === "/data" },
];

export function Header({ user, onSignOut }: { user: User | null; onSignOut: () => void }) {
  const { path } = useLocation();
  const items = user ? SIGNED_IN : [];
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <Moon />
        <span>Meridian</span>
      </Link>
      <nav className="site-nav" aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={item.active(path) ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
          <li>
            <Link to="/help" className="help-link" aria-current={path === "/help" ? "page" : undefined}>
              Help &amp; crisis support
            </Link>
          </li>
        </ul>
      </nav>
      {user && (
        <div className="header-user">
          <span>
            <span className="visually-hidden">Signed in as </span>
            {user.username}
          </span>
          <button type="button" className="btn btn-quiet btn-small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
