/** Small inline icons shared by the card, the side panel, the popup and the options page. */
import type { ComponentChildren } from 'preact';

interface StrokeProps {
  /** The icon's own square coordinate space (viewBox 0 0 box box). */
  box: number;
  /** Drawn size in CSS pixels. */
  size: number;
  weight: number;
  class?: string;
  children?: ComponentChildren;
  /** A path drawn with round caps and joins, in the text colour. */
  d?: string;
}

/** A decorative line icon: hidden from assistive technology, drawn in the text colour. */
function Stroke({ box, size, weight, class: cls, children, d }: StrokeProps) {
  return (
    <svg class={cls} viewBox={`0 0 ${box} ${box}`} width={size} height={size} aria-hidden="true" focusable="false">
      {d && <path d={d} fill="none" stroke="currentColor" stroke-width={weight} stroke-linecap="round" stroke-linejoin="round" />}
      {children}
    </svg>
  );
}

export function ExternalIcon() {
  return <Stroke class="ext" box={12} size={10} weight={1.3} d="M4.5 2.5h-2v7h7v-2M7 2.5h2.5V5M9.5 2.5 5.5 6.5" />;
}

export function CloseIcon() {
  return <Stroke box={16} size={14} weight={1.6} d="M4 4l8 8M12 4l-8 8" />;
}

export function BackIcon() {
  return <Stroke box={16} size={14} weight={1.7} d="M10 3.5 5.5 8l4.5 4.5" />;
}

/** A window with a panel on its side: "open in the side panel". */
export function PanelIcon() {
  return (
    <Stroke box={16} size={14} weight={1.4} d="M10 3.5v9">
      <rect x="2" y="3" width="12" height="10" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
    </Stroke>
  );
}

/** An arrow up out of a tray: "choose a file to import". */
export function UploadIcon({ class: cls }: { class?: string }) {
  return <Stroke class={cls} box={24} size={28} weight={1.8} d="M12 15V4m0 0L7.5 8.5M12 4l4.5 4.5M5 14v4a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-4" />;
}
