// Russian strings of the dashboards area (dashboards of the coordinator, the M&E officer and the director; feedback surveys).
export const dashboardsRu = {
  title: 'Дашборды',
};
