// Inline SVG icons (emoji fonts are not everywhere); all decorative, labelled by their controls.
type P = { size?: number };
const base = (size: number) => ({
  width: size,
  height: size,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
  focusable: false,
});
export const HomeIcon = ({ size = 22 }: P) => (
  <svg {...base(size)}>
    <path d="M3 11l9-8 9 8" />
    <path d="M5 10v10h14V10" />
  </svg>
);
export const ChatIcon = ({ size = 22 }: P) => (
  <svg {...base(size)}>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.4A8 8 0 1 1 21 12z" />
  </svg>
);
export const UserIcon = ({ size = 22 }: P) => (
  <svg {...base(size)}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6" />
  </svg>
);
export const BellIcon = ({ size = 22 }: P) => (
  <svg {...base(size)}>
    <path d="M18 16V11a6 6 0 1 0-12 0v5l-2 2h16z" />
    <path d="M10 21h4" />
  </svg>
);
export const PlusIcon = ({ size = 18 }: P) => (
  <svg {...base(size)}>
    <path d="M12 5v14M5 12h14" />
  </svg>
);
export const CameraIcon = ({ size = 24 }: P) => (
  <svg {...base(size)}>
    <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
    <circle cx="12" cy="13" r="3.5" />
  </svg>
);
export const CalendarIcon = ({ size = 20 }: P) => (
  <svg {...base(size)}>
    <rect x="4" y="5" width="16" height="15" rx="2" />
    <path d="M4 10h16M9 3v4M15 3v4" />
  </svg>
);
export const CarrotIcon = ({ size = 22 }: P) => (
  <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden focusable={false}>
    <path d="M14.5 9.5L4 20l-.2-.2L14 8z" fill="#ff6f0f" />
    <path d="M15.5 6.5c-3-1-6 1-7 4l-4 9.5 9.5-4c3-1 5-4 4-7z" fill="#ff6f0f" />
    <path d="M15 9c1-3 3-5 6-5-1 2-2 3-3 4 2 0 3 1 3 1s-3 2-6 0z" fill="#2f9e44" />
  </svg>
);
