// The aid catalogue Hearth ships: what the programmes it serves hand out, do at home and buy for a
// family. The organisation edits it; an item in use is retired, not deleted.
import type { AidItemInput } from './contracts.js';

type Item = Omit<AidItemInput, 'variant' | 'tracksLots'> & { variant: string; tracksLots: boolean };
const goods = (code: string, ru: string, en: string, unit: Item['unit'], group: Item['group'], tracksLots = false, variant = ''): Item => ({
  code,
  name: { ru, en },
  kind: 'goods',
  unit,
  group,
  variant,
  tracksLots,
});
const work = (code: string, ru: string, en: string, group: Item['group']): Item => ({
  code,
  name: { ru, en },
  kind: 'work',
  unit: 'job',
  group,
  variant: '',
  tracksLots: false,
});
const purchase = (code: string, ru: string, en: string, group: Item['group']): Item => ({
  code,
  name: { ru, en },
  kind: 'purchase',
  unit: 'piece',
  group,
  variant: '',
  tracksLots: false,
});

export const SHIPPED_AID_ITEMS: Item[] = [
  goods('nappies_3', 'Подгузники, размер 3', 'Nappies, size 3', 'pack', 'hygiene', false, '3'),
  goods('nappies_4', 'Подгузники, размер 4', 'Nappies, size 4', 'pack', 'hygiene', false, '4'),
  goods('formula', 'Детская смесь', 'Infant formula', 'piece', 'baby_food', true),
  goods('baby_puree', 'Детское пюре', 'Baby puree', 'piece', 'baby_food', true),
  goods('hygiene_kit', 'Гигиенический набор', 'Hygiene kit', 'set', 'hygiene'),
  goods('food_package', 'Продуктовый набор', 'Food package', 'set', 'food', true),
  goods('clothes_baby', 'Детская одежда (0–1 год)', 'Baby clothes (0–1 year)', 'piece', 'clothes', false, '0–1'),
  goods('clothes_child', 'Детская одежда (1–3 года)', 'Child clothes (1–3 years)', 'piece', 'clothes', false, '1–3'),
  goods('pram', 'Коляска', 'Pram', 'piece', 'baby_goods'),
  goods('firewood', 'Дрова', 'Firewood', 'm3', 'fuel'),
  goods('medicines', 'Лекарства', 'Medicines', 'pack', 'medicine', true),
  work('stove_repair', 'Ремонт печи', 'Stove repair', 'repair'),
  work('room_renovation', 'Ремонт комнаты', 'Room renovation', 'repair'),
  work('garden_ploughing', 'Вспашка огорода', 'Garden ploughing', 'agriculture'),
  work('transport', 'Перевозка', 'Transport', 'transport'),
  purchase('livestock', 'Скот и птица (покупка и доставка)', 'Livestock (purchase and delivery)', 'livestock'),
  purchase('furniture', 'Мебель', 'Furniture', 'furniture'),
  purchase('appliance', 'Бытовая техника', 'Household appliance', 'household'),
];
