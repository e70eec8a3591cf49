// The web routes of the dashboards and feedback, attached to the app's root route by the router.
import type { ReactNode } from 'react';
import { createRoute, lazyRouteComponent, type AnyRootRoute } from '@tanstack/react-router';
import { RequirePermission } from '../app/RequirePermission.js';
import type { Permission } from '../../domain/access/permissions.js';

// Loaded when first opened: the charts (recharts) come only with these pages.
const FeedbackSummaryPage = lazyRouteComponent(() => import('../feedback/FeedbackSummaryPage.js'), 'FeedbackSummaryPage');
const FeedbackTemplateEditPage = lazyRouteComponent(() => import('../feedback/FeedbackTemplateEditPage.js'), 'FeedbackTemplateEditPage');
const FeedbackTemplatesPage = lazyRouteComponent(() => import('../feedback/FeedbackTemplatesPage.js'), 'FeedbackTemplatesPage');
const UnsignedSurveyPage = lazyRouteComponent(() => import('../feedback/UnsignedSurveyPage.js'), 'UnsignedSurveyPage');
const CoordinatorDashboardPage = lazyRouteComponent(() => import('./CoordinatorDashboardPage.js'), 'CoordinatorDashboardPage');
const IndicatorsDashboardPage = lazyRouteComponent(() => import('./IndicatorsDashboardPage.js'), 'IndicatorsDashboardPage');
const ProgrammesDashboardPage = lazyRouteComponent(() => import('./ProgrammesDashboardPage.js'), 'ProgrammesDashboardPage');

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
