// When a stay's leaving is overdue: it is still under way and its planned leaving day has passed.
// On the planned day itself she is leaving, not late. The board, its leavings and the stay card
// mark it the same way (issue 12, point 9).

export function leavingOverdue(stay: { plannedLeaveOn: string; checkOutOn?: string | null }, on: string): boolean {
  return !stay.checkOutOn && stay.plannedLeaveOn < on;
}
