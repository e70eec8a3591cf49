// The plan as a Word document in Russian, to go through with the mother and sign. Dates are
// written the Russian way (ДД.ММ.ГГГГ), people as surname, name, patronymic.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PlanView } from '../../domain/plans/contracts.js';

export const ruDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

const STATUS_RU: Record<string, string> = {
  planned: 'запланирована',
  in_progress: 'выполняется',
  done: 'выполнена',
  not_done: 'не выполнена',
  cancelled: 'отменена',
};
const RESPONSIBLE_RU: Record<string, string> = {
  mother: 'мама',
  relative: 'родственник',
  mentor: 'наставник',
  organization: 'организация',
  staff: 'специалист',
};

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });
}

export interface PlanDocument {
  plan: PlanView;
  familyName: string;
  programmeName: string;
  leadName: string;
  staffNames: Map<string, string>;
  domainTitle: (code: string) => string;
}

export async function planToDocx({ plan, familyName, programmeName, leadName, staffNames, domainTitle }: PlanDocument): Promise<Buffer> {
  const rows = [
    new TableRow({ tableHeader: true, children: ['Цель', 'Задача', 'Ответственный', 'Срок', 'Статус'].map((h) => cell(h, true)) }),
    ...plan.goals.flatMap((goal) =>
      goal.tasks.length === 0
        ? [new TableRow({ children: [cell(`${domainTitle(goal.domain)}: ${goal.title}`), cell(''), cell(''), cell(''), cell('')] })]
        : goal.tasks.map(
            (task, i) =>
              new TableRow({
                children: [
                  cell(i === 0 ? `${domainTitle(goal.domain)}: ${goal.title}` : ''),
                  cell(task.title),
                  cell(
                    task.responsibleKind === 'staff'
                      ? (staffNames.get(task.responsibleUserId ?? '') ?? '')
                      : [RESPONSIBLE_RU[task.responsibleKind], task.responsibleName].filter(Boolean).join(': '),
                  ),
                  cell(ruDate(task.dueOn)),
                  cell(STATUS_RU[task.status] ?? task.status),
                ],
              }),
          ),
    ),
  ];
  const doc = new Document({
    creator: 'Hearth',
    title: 'Индивидуальный план сопровождения',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun('Индивидуальный план сопровождения семьи')],
          }),
          new Paragraph({ children: [new TextRun({ text: 'Семья: ', bold: true }), new TextRun(familyName)] }),
          new Paragraph({ children: [new TextRun({ text: 'Программа: ', bold: true }), new TextRun(programmeName)] }),
          new Paragraph({ children: [new TextRun({ text: 'Ведущий специалист: ', bold: true }), new TextRun(leadName)] }),
          new Paragraph({
            children: [
              new TextRun({ text: 'Дата начала: ', bold: true }),
              new TextRun(ruDate(plan.startOn)),
              new TextRun({ text: '   Следующий пересмотр: ', bold: true }),
              new TextRun(ruDate(plan.nextReviewOn)),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Образ желаемого будущего')] }),
          new Paragraph({ children: [new TextRun({ text: plan.desiredFuture, italics: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Участники составления плана')] }),
          ...plan.participants.map((p) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(p.name)] })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Цели и задачи')] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          new Paragraph({ text: '' }),
          new Paragraph({ children: [new TextRun(`Выполнено задач: ${plan.progress.tasksDone} из ${plan.progress.tasksTotal}`)] }),
          new Paragraph({ text: '' }),
          new Paragraph({ children: [new TextRun('С планом ознакомлена и согласна: ____________________ / ____________________')] }),
          new Paragraph({ children: [new TextRun('Ведущий специалист: ____________________ / ____________________')] }),
          new Paragraph({ children: [new TextRun(`Дата: ${ruDate(new Date().toISOString())}`)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
