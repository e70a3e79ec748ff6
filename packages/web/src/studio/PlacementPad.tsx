import type { Position } from "@meridian/sound";
import { type KeyboardEvent, type PointerEvent, useRef } from "react";

/** A dot on the pad: a generator layer or one of your own audio files. */
export interface PadItem {
  readonly id: string;
  readonly label: string;
  readonly position?: Position | undefined;
  readonly mute?: boolean | undefined;
  /** Own audio: drawn as a rounded square; `missing` when its file is not in your library. */
  readonly media?: boolean;
  readonly missing?: boolean;
}

/** Top view of the listener's head; each layer a dot (azimuth + distance), draggable and
 * movable with the arrow keys (←/→ turn 5°, ↑/↓ nearer/further). Front is up. */
const SIZE = 260;
const C = SIZE / 2;
const R = 118;
const MAX_D = 8;

const toRadius = (d: number) => (R * Math.log1p(Math.min(d, MAX_D))) / Math.log1p(MAX_D);
const fromRadius = (r: number) => Math.expm1((Math.min(r, R) / R) * Math.log1p(MAX_D));
const round = (v: number, step: number) => Math.round(v / step) * step;

export function describePlace(az: number, d: number): string {
  const side = Math.abs(az) < 3 ? "ahead" : Math.abs(az) > 177 ? "behind" : az > 0 ? "right" : "left";
  const deg = Math.abs(az) < 3 || Math.abs(az) > 177 ? "" : `${Math.round(Math.abs(az))}° `;
  return `${deg}${side}, ${d.toFixed(1)} m`;
}

interface Props {
  layers: readonly PadItem[];
  selected: string | null;
  onSelect(id: string): void;
  onMove(id: string, azimuth: number, distance: number): void;
}

export function PlacementPad({ layers, selected, onSelect, onMove }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef<string | null>(null);

  function moveTo(id: string, e: PointerEvent) {
    const box = svg.current?.getBoundingClientRect();
    if (!box) return;
    const x = ((e.clientX - box.left) / box.width) * SIZE - C;
    const y = ((e.clientY - box.top) / box.height) * SIZE - C;
    const az = round((Math.atan2(x, -y) * 180) / Math.PI, 1);
    const d = Math.max(0.1, round(fromRadius(Math.hypot(x, y)), 0.05));
    onMove(id, az, d);
  }

  function key(l: PadItem, e: KeyboardEvent) {
    const az = l.position?.azimuth ?? 0;
    const d = l.position?.distance ?? 1;
    let next: [number, number] | null = null;
    if (e.key === "ArrowLeft") next = [az - 5 < -180 ? az + 355 : az - 5, d];
    else if (e.key === "ArrowRight") next = [az + 5 > 180 ? az - 355 : az + 5, d];
    else if (e.key === "ArrowUp") next = [az, Math.max(0.1, round(d / 1.15, 0.05))];
    else if (e.key === "ArrowDown") next = [az, Math.min(MAX_D, round(d * 1.15, 0.05))];
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    onMove(l.id, next[0], next[1]);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG drawing groups its dots; a fieldset can't live in SVG
    <svg
      ref={svg}
      className="pad"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="group"
      aria-label="Placement around your head (front is up)"
      data-testid="placement-pad"
    >
      {[0.5, 1, 2, 4].map((d) => (
        <circle key={d} className="pad-ring" cx={C} cy={C} r={toRadius(d)} />
      ))}
      <line className="pad-axis" x1={C} y1={C - R} x2={C} y2={C + R} />
      <line className="pad-axis" x1={C - R} y1={C} x2={C + R} y2={C} />
      <g className="pad-head">
        <ellipse cx={C} cy={C} rx={11} ry={13} />
        <path d={`M${C - 4} ${C - 12} L${C} ${C - 19} L${C + 4} ${C - 12}`} />
        <ellipse cx={C - 12} cy={C} rx={2.5} ry={5} />
        <ellipse cx={C + 12} cy={C} rx={2.5} ry={5} />
      </g>
      {layers.map((l, i) => {
        const az = l.position?.azimuth ?? 0;
        const d = l.position?.distance ?? 1;
        const r = toRadius(d);
        const x = C + r * Math.sin((az * Math.PI) / 180);
        const y = C - r * Math.cos((az * Math.PI) / 180);
        const label = l.label;
        return (
          <g
            key={l.id}
            role="slider"
            tabIndex={0}
            aria-label={`${label} position`}
            aria-valuenow={Math.round(az)}
            aria-valuemin={-180}
            aria-valuemax={180}
            aria-valuetext={describePlace(az, d)}
            data-layer={l.id}
            data-kind={l.media ? "media" : "generator"}
            className={`pad-dot${selected === l.id ? " is-selected" : ""}${l.mute || l.missing ? " is-muted" : ""}${l.media ? " is-media" : ""}`}
            transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
            onFocus={() => onSelect(l.id)}
            onKeyDown={(e) => key(l, e)}
            onPointerDown={(e) => {
              dragging.current = l.id;
              (e.currentTarget as Element).setPointerCapture(e.pointerId);
              onSelect(l.id);
            }}
            onPointerMove={(e) => {
              if (dragging.current === l.id) moveTo(l.id, e);
            }}
            onPointerUp={() => {
              dragging.current = null;
            }}
          >
            {l.media ? <rect x={-9} y={-9} width={18} height={18} rx={4} /> : <circle r={9} />}
            <text y={3.5} textAnchor="middle">
              {i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
