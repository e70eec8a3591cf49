// The web routes of the dashboards and feedback, attached to the app's root route by the router.
import type { ReactNode } from 'react';
import { createRoute, type AnyRootRoute } from '@tanstack/react-router';
import { RequirePermission } from '../app/RequirePermission.js';
import type { Permission } from '../../domain/access/permissions.js';
import { FeedbackSummaryPage } from '../feedback/FeedbackSummaryPage.js';
import { FeedbackTemplateEditPage } from '../feedback/FeedbackTemplateEditPage.js';
import { FeedbackTemplatesPage } from '../feedback/FeedbackTemplatesPage.js';
import { UnsignedSurveyPage } from '../feedback/UnsignedSurveyPage.js';
import { CoordinatorDashboardPage } from './CoordinatorDashboardPage.js';
import { IndicatorsDashboardPage } from './IndicatorsDashboardPage.js';
import { ProgrammesDashboardPage } from './ProgrammesDashboardPage.js';

export function dashboardsRoutes<R extends AnyRootRoute>(root: R) {
  const page = <P extends string>(path: P, permission: Permission, content: () => ReactNode) =>
    createRoute({
      getParentRoute: () => root,
      path,
      component: () => <RequirePermission permission={permission}>{content()}</RequirePermission>,
    });
  return [
    page('/dashboards/coordinator', 'cases.read', () => <CoordinatorDashboardPage />),
    page('/dashboards/indicators', 'indicators.read', () => <IndicatorsDashboardPage />),
    page('/dashboards/programmes', 'indicators.read', () => <ProgrammesDashboardPage />),
    page('/feedback/summary', 'indicators.read', () => <FeedbackSummaryPage />),
    page('/feedback/unsigned', 'housing.journal', () => <UnsignedSurveyPage />),
    page('/admin/feedback-templates', 'feedback.templates', () => <FeedbackTemplatesPage />),
    page('/admin/feedback-templates/$code', 'feedback.templates', () => <FeedbackTemplateEditPage />),
  ];
}
