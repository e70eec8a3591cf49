// A link to a volunteer's card in the register (/volunteers?volunteer=<id> opens it).
import type { ReactNode } from 'react';
import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function VolunteerLink({ volunteerId, children, ...props }: AnchorProps & { volunteerId: string; children: ReactNode }) {
  return (
    <Anchor {...props} renderRoot={(root) => <Link {...root} to="/volunteers" search={{ volunteer: volunteerId }} />}>
      {children}
    </Anchor>
  );
}
