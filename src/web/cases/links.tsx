// Links to a case and to a referral, styled as Mantine anchors/buttons but routed by TanStack Router
// (renderRoot keeps the router's typed params, which Mantine's polymorphic `component` loses).
import type { ReactNode } from 'react';
import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function CaseLink({ caseId, children, ...props }: AnchorProps & { caseId: string; children: ReactNode }) {
  return (
    <Anchor {...props} renderRoot={(root) => <Link {...root} to="/cases/$caseId" params={{ caseId }} />}>
      {children}
    </Anchor>
  );
}

export function CaseButton({ caseId, children, ...props }: ButtonProps & { caseId: string; children: ReactNode }) {
  return (
    <Button {...props} renderRoot={(root) => <Link {...root} to="/cases/$caseId" params={{ caseId }} />}>
      {children}
    </Button>
  );
}

export function ReferralLink({ referralId, children, ...props }: AnchorProps & { referralId: string; children: ReactNode }) {
  return (
    <Anchor {...props} renderRoot={(root) => <Link {...root} to="/referrals/$referralId" params={{ referralId }} />}>
      {children}
    </Anchor>
  );
}
