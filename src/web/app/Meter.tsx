// A progress bar that says what it measures. Mantine's <Progress> puts role="progressbar" on its inner
// section, so an aria-label on the component itself names nothing and a screen reader announces a
// bare, unrounded number ("13.100000000000001%"). Every bar in Hearth goes through this one.
import { Progress, type MantineColor, type MantineSize, type StyleProp } from '@mantine/core';

interface Props {
  /** 0–100; values outside are clamped, the announced value is rounded. */
  value: number;
  /** What the bar measures, e.g. "Занятость мест" — its accessible name. */
  label: string;
  color?: MantineColor;
  size?: MantineSize;
  w?: StyleProp<number | string>;
  mt?: StyleProp<number | string>;
}

export function Meter({ value, label, color, size = 'sm', w, mt }: Props) {
  const percent = Math.round(Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0)));
  return (
    <Progress.Root size={size} w={w} mt={mt}>
      <Progress.Section value={percent} color={color} aria-label={label} aria-valuetext={`${percent}%`} />
    </Progress.Root>
  );
}
