// Plan progress, the first-plan deadline and review changes.
import { describe, expect, it } from 'vitest';
import { firstPlanDeadline, planChanges, planProgress } from './progress.js';

const task = (status: string, title = status, dueOn = '2026-10-01') => ({ status, title, dueOn });

describe('plan progress', () => {
  it('counts done tasks among those not cancelled, and achieved goals among live ones', () => {
    const progress = planProgress([
      { status: 'open', title: 'Жильё', tasks: [task('done'), task('planned'), task('cancelled')] },
      { status: 'achieved', title: 'Документы', tasks: [task('done', 'Паспорт')] },
      { status: 'cancelled', title: 'Работа', tasks: [task('done', 'Резюме')] },
    ]);
    expect(progress).toEqual({ tasksTotal: 3, tasksDone: 2, goalsTotal: 2, goalsAchieved: 1, share: 0.667 });
    expect(planProgress([]).share).toBeNull();
  });
});

describe('first plan deadline', () => {
  it('is due 14 days after admission, overdue after, met or met late once a plan exists', () => {
    expect(firstPlanDeadline('2026-11-01', 14, null, '2026-11-15')).toEqual({ dueOn: '2026-11-15', state: 'due', metOn: null });
    expect(firstPlanDeadline('2026-11-01', 14, null, '2026-11-16').state).toBe('overdue');
    expect(firstPlanDeadline('2026-11-01', 14, '2026-11-10', '2026-11-20')).toEqual({
      dueOn: '2026-11-15',
      state: 'met',
      metOn: '2026-11-10',
    });
    expect(firstPlanDeadline('2026-11-01', 14, '2026-11-16', '2026-11-20').state).toBe('met_late');
    expect(firstPlanDeadline('2026-12-25', 14, null, '2026-12-30').dueOn).toBe('2027-01-08');
  });
});

describe('review changes', () => {
  it('lists added, removed and changed goals and tasks', () => {
    const before = [{ status: 'open', title: 'Жильё', tasks: [task('planned', 'Найти комнату'), task('planned', 'Собрать справки')] }];
    const after = [
      { status: 'achieved', title: 'Жильё', tasks: [task('done', 'Найти комнату'), task('planned', 'Переезд', '2026-12-01')] },
      { status: 'open', title: 'Работа', tasks: [] },
    ];
    expect(planChanges(before, after)).toEqual([
      'goal Жильё: open → achieved',
      'task Найти комнату: planned → done',
      '+ task: Переезд',
      '- task: Собрать справки',
      '+ goal: Работа',
    ]);
  });
});
