import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import { getPlayer, type Player, type PlayerSnapshot } from "./player";

const PlayerContext = createContext<Player | null>(null);

/** Makes the studio's player available app-wide (the studio, the session ritual, the editor). */
export function PlayerProvider({ children }: { children: ReactNode }) {
  return <PlayerContext.Provider value={getPlayer()}>{children}</PlayerContext.Provider>;
}

export function usePlayer(): { player: Player; snap: PlayerSnapshot } {
  const player = useContext(PlayerContext) ?? getPlayer();
  const snap = useSyncExternalStore(player.subscribe, () => player.snapshot);
  return { player, snap };
}
