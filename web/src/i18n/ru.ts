// Russian UI strings (the default language). Every key here must exist in
// en.ts; the type Messages is derived from this dictionary. Plural forms use
// the suffixes .one/.few/.many/.other chosen by Intl.PluralRules. The
// strings of the user domain, notifications, admin portal and training live in
// ru.auth.ts, ru.account.ts, ru.admin.ts and ru.training.ts.
import { ruAccount } from "./ru.account";
import { ruAdmin } from "./ru.admin";
import { ruAuth } from "./ru.auth";
import { ruTraining } from "./ru.training";

export const ru = {
  ...ruAuth,
  ...ruAccount,
  ...ruAdmin,
  ...ruTraining,
  "app.name": "SportHub",
  "app.skipToContent": "Перейти к содержимому",
  "app.loading": "Загрузка…",

  "nav.main": "Основная навигация",
  "nav.open": "Открыть меню",
  "nav.close": "Закрыть меню",
  "nav.catalog": "Каталог",

  "prefs.language": "Язык",
  "prefs.currency": "Валюта",
  "lang.ru": "Русский",
  "lang.en": "English",

  "catalog.title": "Каталог",
  "catalog.search.label": "Поиск по каталогу",
  "catalog.search.placeholder": "Например, кроссовки для бега",
  "catalog.search.submit": "Найти",
  "catalog.filters.title": "Фильтры",
  "catalog.filters.reset": "Сбросить фильтры",
  "catalog.results": "Результаты поиска",
  "catalog.total.one": "Найден {count} товар",
  "catalog.total.few": "Найдено {count} товара",
  "catalog.total.many": "Найдено {count} товаров",
  "catalog.total.other": "Найдено {count} товара",
  "catalog.shown": "Показано {shown} из {total}",
  "catalog.loadMore": "Показать ещё",
  "catalog.empty": "Ничего не найдено. Измените запрос или фильтры.",

  "filter.sport": "Вид спорта",
  "filter.sport.any": "Все виды спорта",
  "filter.category": "Категория",
  "filter.category.any": "Все категории",
  "filter.brand": "Бренд",
  "filter.price": "Цена, {currency}",
  "filter.price.min": "Цена от",
  "filter.price.max": "Цена до",
  "filter.price.apply": "Применить",
  "filter.size": "Размер",
  "filter.size.any": "Любой размер",
  "filter.inStock": "Только в наличии",
  "filter.optionCount": "{label} ({count})",

  "sort.label": "Сортировка",
  "sort.relevance": "По релевантности",
  "sort.popular": "Популярные",
  "sort.price_asc": "Сначала дешевле",
  "sort.price_desc": "Сначала дороже",
  "sort.newest": "Новинки",
  "sort.name": "По названию",

  "product.inStock": "В наличии",
  "product.outOfStock": "Нет в наличии",
  "product.noPrice": "Нет цены в этой валюте",
  "product.price": "Цена",
  "product.brand": "Бренд",
  "product.category": "Категория",
  "product.sku": "Артикул",
  "product.back": "Назад в каталог",
  "product.images": "Фотографии",
  "product.imageAlt": "{name}, фото {n}",
  "product.description": "Описание",
  "product.specs": "Характеристики",
  "product.sizes": "Размеры",
  "product.sizeSystem": "Размерная сетка: {system}",
  "product.stock": "Наличие в магазинах",
  "product.stock.location": "Магазин",
  "product.stock.city": "Город",
  "product.stock.kind": "Тип",
  "product.stock.quantity": "Количество",
  "product.stock.none": "Нет в наличии",
  "product.stock.empty": "Нет данных о наличии",
  "product.stock.units": "{count} шт.",
  "location.kind.store": "Магазин",
  "location.kind.warehouse": "Склад",

  "spec.weight_g": "Вес",
  "spec.drop_mm": "Перепад",
  "spec.stack_mm": "Высота подошвы",
  "spec.cushioning": "Амортизация",
  "spec.terrain": "Покрытие",
  "spec.waterproof": "Водонепроницаемость",
  "spec.temperature": "Температурный диапазон",
  "spec.materials": "Материалы",
  "spec.tempRange": "от {min} до {max}",
  "spec.tempFrom": "от {min}",
  "spec.tempTo": "до {max}",
  "cushioning.low": "Низкая",
  "cushioning.medium": "Средняя",
  "cushioning.high": "Высокая",
  "cushioning.max": "Максимальная",
  "terrain.road": "Асфальт",
  "terrain.trail": "Трейл",
  "terrain.track": "Стадион",
  "terrain.mixed": "Смешанное",
  "terrain.pool": "Бассейн",
  "terrain.open_water": "Открытая вода",
  "terrain.gym": "Зал",
  "terrain.indoor": "Помещение",
  "terrain.mountain": "Горы",
  "common.yes": "Да",
  "common.no": "Нет",

  "error.title": "Что-то пошло не так",
  "error.network": "Не удалось связаться с сервером",
  "error.retry": "Повторить",
  "error.notFound": "Страница не найдена",
  "error.home": "На главную",
} as const;

/** MessageKey names one UI string. */
export type MessageKey = keyof typeof ru;

/** Messages is a complete dictionary for one language. */
export type Messages = Record<MessageKey, string>;
