#!/usr/bin/env node
// Writes the seed CSVs of the airline example: raw extracts from an SAP ERP (customers, sales orders,
// trips, aeroplanes) and an aeroplane-spec API. Deterministic: a seeded PRNG and fixed reference dates,
// so every run rewrites the same bytes. No dependencies; run with `node examples/airline/generate-seeds.mjs`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'seeds');

// The day of the extract: no order is placed after it, trips after it are still being sold.
const EXTRACT_AT = Date.UTC(2025, 5, 30, 23, 59, 59);
const API_LOADED_AT = '2025-06-30 02:15:00';
const FIRST_DEPARTURE = Date.UTC(2024, 2, 1);
const LAST_DEPARTURE = Date.UTC(2025, 8, 30);
const CUSTOMER_COUNT = 3000;
const DAY = 86_400_000;
const MINUTE = 60_000;

// mulberry32: small, fast and good enough for test data.
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(20240301);
const between = (min, max) => min + Math.floor(random() * (max - min + 1));
const chance = (probability) => random() < probability;
const pick = (items) => items[Math.floor(random() * items.length)];
function pickWeighted(weighted) {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return weighted[weighted.length - 1][0];
}

const pad = (value, width) => String(value).padStart(width, '0');
const sapDate = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
};
const sapTime = (ms) => {
  const d = new Date(ms);
  return `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
};
const startOfDay = (ms) => ms - (ms % DAY);
// Plain code-unit order: localeCompare would depend on the machine's ICU data.
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// Quote only where CSV needs it, and where a value has edge spaces, so every reader keeps them.
function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function writeCsv(name, header, rows) {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  writeFileSync(join(SEED_DIR, `${name}.csv`), `${lines.join('\n')}\n`);
  console.log(`${name}.csv: ${rows.length} rows`);
}

// --- Reference data -------------------------------------------------------------------------------

// EUR per unit of each currency; staging's to_eur macro uses the same fixed rates.
const EUR_PER_UNIT = { EUR: 1, USD: 0.92, GBP: 1.17, CHF: 1.05 };

// [code, weight, SAP sales district (BZIRK), billing currency]
const COUNTRIES = [
  ['DE', 30, 'EU01', 'EUR'], ['FR', 10, 'EU01', 'EUR'], ['GB', 10, 'EU01', 'GBP'], ['NL', 8, 'EU01', 'EUR'],
  ['ES', 6, 'EU01', 'EUR'], ['IT', 6, 'EU01', 'EUR'], ['CH', 5, 'EU01', 'CHF'], ['AT', 5, 'EU01', 'EUR'],
  ['BE', 3, 'EU01', 'EUR'], ['US', 8, 'NA01', 'USD'], ['CA', 2, 'NA01', 'USD'], ['AE', 2, 'ME01', 'USD'],
  ['SG', 2, 'AP01', 'USD'], ['JP', 2, 'AP01', 'USD'], ['AU', 1, 'AP01', 'USD'],
];
const COUNTRY = Object.fromEntries(COUNTRIES.map(([code, , district, currency]) => [code, { district, currency }]));

// SAP customer groups (KDGRP): share of customers, how often one books, seats per booking, price factor.
const GROUPS = {
  PR: { share: 70, bookingWeight: 1, seats: [[1, 40], [2, 35], [3, 13], [4, 12]], priceFactor: 1 },
  BU: { share: 22, bookingWeight: 2, seats: [[1, 55], [2, 30], [3, 15]], priceFactor: 1.25 },
  TA: { share: 8, bookingWeight: 5, seats: [[2, 20], [3, 20], [4, 20], [5, 15], [6, 10], [8, 10], [9, 5]], priceFactor: 0.88 },
};

const FIRST_NAMES = [
  'Anna', 'Lukas', 'Marie', 'Jonas', 'Sophie', 'Felix', 'Emma', 'Paul', 'Lea', 'Ben', 'Claire', 'Hugo', 'Chloé',
  'Louis', 'Olivia', 'Jack', 'Amelia', 'Harry', 'Daan', 'Sanne', 'Lucía', 'Pablo', 'Giulia', 'Marco', 'Noah',
  'Mia', 'Elias', 'Laura', 'James', 'Emily', 'Liam', 'Ava', 'Yuki', 'Haruto', 'Wei', 'Priya', 'Omar', 'Layla',
  'Chloe', 'Ethan', 'Isabel', 'Tom', 'Nina', 'David', 'Sara', 'Jan', 'Eva', 'Max', 'Julia', 'Leon',
];
const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Koch',
  'Martin', 'Bernard', 'Dubois', 'Laurent', 'Smith', 'Jones', 'Taylor', 'Brown', 'de Vries', 'Jansen',
  'García', 'Fernández', 'Rossi', 'Russo', 'Bianchi', 'Huber', 'Gruber', 'Peeters', 'Johnson', 'Williams',
  'Miller', 'Tanaka', 'Sato', 'Tan', 'Lim', 'Khan', 'Haddad', 'Wilson', 'Keller', 'Frei', 'Novak', 'Berg',
];
const COMPANY_WORDS = [
  'Alpen', 'Nordwind', 'Rhein', 'Atlas', 'Horizon', 'Meridian', 'Polaris', 'Cedar', 'Harbour', 'Summit',
  'Blue Lake', 'Silver', 'Vertex', 'Orion', 'Kestrel', 'Delta', 'Sunrise', 'Granite', 'Lindberg', 'Aurora',
];
const COMPANY_SUFFIX = {
  DE: ['GmbH', 'AG', 'GmbH & Co. KG'], AT: ['GmbH', 'AG'], CH: ['AG', 'GmbH'], FR: ['SARL', 'SA'], GB: ['Ltd', 'plc'],
  NL: ['B.V.'], BE: ['NV', 'SRL'], ES: ['S.L.', 'S.A.'], IT: ['S.r.l.', 'S.p.A.'], US: ['Inc.', 'LLC'], CA: ['Inc.', 'Ltd'],
};
const TRAVEL_WORDS = { DE: 'Reisen', AT: 'Reisen', CH: 'Reisen', FR: 'Voyages', ES: 'Viajes', IT: 'Viaggi', NL: 'Reizen' };

const slug = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

// --- Aeroplanes, models and airports --------------------------------------------------------------

// What the aeroplane API returns: [manufacturer, model, seats, range_km]
const MODELS = [
  ['Airbus', 'A320-200', 180, 6100], ['Airbus', 'A321neo', 220, 7400], ['Airbus', 'A330-300', 290, 11750],
  ['Airbus', 'A350-900', 325, 15000], ['Boeing', 'B737-800', 189, 5765], ['Boeing', 'B777-300ER', 396, 13650],
  ['Boeing', 'B787-9', 290, 14140], ['Embraer', 'E190', 100, 4537], ['Embraer', 'E195-E2', 132, 4800],
  ['ATR', 'ATR72-600', 70, 1528],
];
const MODEL = Object.fromEntries(MODELS.map(([, model, seats, rangeKm]) => [model.toUpperCase(), { seats, rangeKm }]));

// The fleet as SAP's equipment master has it: [EQUNR, TIDNR (registration), TYPBZ (model), HERST, INBDT]
// TYPBZ and HERST are typed in by hand, so their case and spacing vary.
const FLEET = [
  ['000000000010000001', 'D-AIZA', 'A320-200', 'AIRBUS', '20140512'],
  ['000000000010000002', 'D-AIZB', 'a320-200 ', 'AIRBUS', '20160301'],
  ['000000000010000003', 'D-AIEA', 'A321NEO', 'Airbus ', '20211120'],
  ['000000000010000004', 'D-ATUA', 'B737-800', 'BOEING', '20120214'],
  ['000000000010000005', 'D-ABPA', 'B787-9', 'BOEING', '20190630'],
  ['000000000010000006', 'D-AECA', 'E190', 'EMBRAER', '20130909'],
  ['000000000010000007', 'D-ANFA', 'ATR72-600', 'ATR', '20170404'],
  ['000000000010000008', 'D-AIXA', 'A350-900', 'AIRBUS', '20200115'],
];

const HOME = 'FRA';
const AIRPORTS = {
  FRA: [50.03, 8.56], MUC: [48.35, 11.79], HAM: [53.63, 9.99], ZRH: [47.46, 8.55], VIE: [48.11, 16.57],
  AMS: [52.31, 4.76], CDG: [49.01, 2.55], LHR: [51.47, -0.45], CPH: [55.62, 12.65], BCN: [41.3, 2.08],
  MAD: [40.47, -3.56], FCO: [41.8, 12.25], PMI: [39.55, 2.73], LIS: [38.77, -9.13], ATH: [37.94, 23.94],
  DXB: [25.25, 55.36], JFK: [40.64, -73.78], ORD: [41.97, -87.9], YYZ: [43.68, -79.63], SIN: [1.36, 103.99],
  HND: [35.55, 139.78], BKK: [13.69, 100.75],
};
function distanceKm(from, to) {
  const [lat1, lon1] = AIRPORTS[from].map((deg) => (deg * Math.PI) / 180);
  const [lat2, lon2] = AIRPORTS[to].map((deg) => (deg * Math.PI) / 180);
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

// --- Customers ------------------------------------------------------------------------------------

function makeCustomers() {
  const customers = [];
  let number = 100000;
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    number += between(1, 3);
    const country = pickWeighted(COUNTRIES.map(([code, weight]) => [code, weight]));
    const group = pickWeighted(Object.entries(GROUPS).map(([code, { share }]) => [code, share]));
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    let name;
    let email;
    if (group === 'PR') {
      name = `${first} ${last}`;
      email = `${slug(first)}.${slug(last)}${between(1, 999)}@mail.example`;
    } else if (group === 'BU') {
      name = `${pick(COMPANY_WORDS)} ${last} ${pick(COMPANY_SUFFIX[country] ?? ['Ltd'])}`;
      email = `travel@${slug(name)}.example`;
    } else {
      const word = TRAVEL_WORDS[country];
      name = word ? `${pick(COMPANY_WORDS)} ${word} ${pick(COMPANY_SUFFIX[country] ?? ['Ltd'])}` : `${pick(COMPANY_WORDS)} Travel ${pick(COMPANY_SUFFIX[country] ?? ['Ltd'])}`;
      email = `booking@${slug(name)}.example`;
    }
    // Most customers predate the trips; some sign up while they are sold.
    const createdAt = chance(0.85)
      ? Date.UTC(2015, 0, 1) + between(0, 3286) * DAY
      : Date.UTC(2024, 0, 1) + between(0, 546) * DAY;
    customers.push({
      id: pad(number, 10),
      name,
      country,
      group,
      email,
      createdAt,
      // Legacy records migrated without a creation date carry SAP's empty date.
      createdRaw: chance(0.01) ? '00000000' : sapDate(createdAt),
    });
  }
  return customers;
}

function customerRows(customers) {
  return customers.map((customer) => {
    // Hand-typed master data: stray spaces, lower-case country codes, shouting e-mail addresses.
    const name = chance(0.05) ? `${customer.name}  ` : customer.name;
    const country = chance(0.03) ? customer.country.toLowerCase() : customer.country;
    let email = chance(0.05) ? customer.email.toUpperCase() : customer.email;
    if (chance(0.02)) email = ` ${email}`;
    return [customer.id, name, country, COUNTRY[customer.country].district, customer.group, email, customer.createdRaw];
  });
}

// --- Trips ----------------------------------------------------------------------------------------

function makeTrips() {
  const legs = [];
  for (const [equipment, , modelText] of FLEET) {
    const { rangeKm } = MODEL[modelText.trim().toUpperCase()];
    const longHaul = rangeKm > 10000;
    const destinations = Object.keys(AIRPORTS).filter((code) => {
      if (code === HOME) return false;
      const km = distanceKm(HOME, code);
      return km <= rangeKm * 0.85 && (longHaul ? km > 3000 : true);
    });
    let departure = FIRST_DEPARTURE + between(0, 9) * DAY;
    while (departure < LAST_DEPARTURE) {
      const destination = pick(destinations);
      const minutes = Math.round(distanceKm(HOME, destination) / 13 + 30); // ~780 km/h plus taxi
      const outbound = startOfDay(departure) + between(6 * 12, 20 * 12) * 5 * MINUTE;
      const back = outbound + (minutes + between(12, 60) * 5) * MINUTE;
      legs.push({ equipment, from: HOME, to: destination, departure: outbound, minutes });
      legs.push({ equipment, from: destination, to: HOME, departure: back, minutes: minutes + between(-2, 4) * 5 });
      departure += between(10, 24) * DAY;
    }
  }
  legs.sort((a, b) => a.departure - b.departure || compareText(a.equipment, b.equipment));
  legs.forEach((leg, index) => {
    leg.id = 10001 + index;
    leg.seats = MODEL[FLEET.find(([equipment]) => equipment === leg.equipment)[2].trim().toUpperCase()].seats;
    leg.distanceKm = distanceKm(leg.from, leg.to);
  });
  return legs;
}

function tripRows(trips) {
  return trips.map((trip) => {
    // Airport codes from one booking system arrive in lower case.
    const from = chance(0.02) ? trip.from.toLowerCase() : trip.from;
    return [trip.id, FLEET.find(([equipment]) => equipment === trip.equipment)[0], from, trip.to, sapDate(trip.departure), sapTime(trip.departure), trip.minutes];
  });
}

// --- Orders ---------------------------------------------------------------------------------------

function makeOrders(trips, customers) {
  const byCreation = [...customers].sort((a, b) => a.createdAt - b.createdAt);
  const bookingWeights = byCreation.map((customer) => GROUPS[customer.group].bookingWeight);
  // Picks a customer who existed on the order day, favouring those who book often.
  function customerAt(orderedAt) {
    let high = byCreation.length;
    while (high > 0 && byCreation[high - 1].createdAt > orderedAt) high--;
    const maxWeight = 5;
    for (;;) {
      const index = Math.floor(random() * high);
      if (random() * maxWeight < bookingWeights[index]) return byCreation[index];
    }
  }

  const orders = [];
  for (const trip of trips) {
    const target = Math.floor(trip.seats * (0.55 + random() * 0.42));
    let sold = 0;
    while (sold < target) {
      const leadDays = 1 + Math.floor(150 * random() ** 2);
      let orderedAt = startOfDay(trip.departure - leadDays * DAY) + between(6 * 3600, 24 * 3600 - 1) * 1000;
      if (orderedAt > trip.departure - 2 * 3600_000) orderedAt = trip.departure - between(2 * 3600, 6 * 3600) * 1000;
      const customer = customerAt(orderedAt);
      const group = GROUPS[customer.group];
      const seats = Math.min(pickWeighted(group.seats), target - sold);
      const cancelled = chance(0.04);
      if (!cancelled) sold += seats;
      if (orderedAt > EXTRACT_AT) continue; // not booked yet on the day of the extract
      const currency = COUNTRY[customer.country].currency;
      const eur = (39 + trip.distanceKm * 0.085) * (0.8 + random() * 0.55) * group.priceFactor;
      const price = `${Math.max(1, Math.round(eur / EUR_PER_UNIT[currency]))}${pick(['.00', '.50', '.90', '.99'])}`;
      let status = trip.departure <= EXTRACT_AT ? 'C' : chance(0.1) ? 'B' : 'A';
      let rejection = '';
      if (cancelled) {
        status = 'C';
        rejection = chance(0.8) ? 'Z1' : 'Z2';
      }
      orders.push({ orderedAt, trip: trip.id, customer: customer.id, seats, price, currency, status, rejection });
    }
  }
  orders.sort((a, b) => a.orderedAt - b.orderedAt || a.trip - b.trip || compareText(a.customer, b.customer));
  return orders;
}

function orderRows(orders) {
  return orders.map((order, index) => {
    // A few orders keyed in by hand: currency in lower case, padded with a space.
    const currency = chance(0.02) ? `${order.currency.toLowerCase()} ` : order.currency;
    return [
      pad(1000001 + index, 10), order.customer, order.trip, `${order.seats}.000`, order.price, currency,
      sapDate(order.orderedAt), sapTime(order.orderedAt), order.status, order.rejection,
    ];
  });
}

// --- Write ----------------------------------------------------------------------------------------

const customers = makeCustomers();
const trips = makeTrips();
const orders = makeOrders(trips, customers);

writeCsv('sap_customers', ['KUNNR', 'NAME1', 'LAND1', 'BZIRK', 'KDGRP', 'SMTP_ADDR', 'ERDAT'], customerRows(customers));
writeCsv('sap_orders', ['VBELN', 'KUNNR', 'ZZTRIPID', 'KWMENG', 'NETPR', 'WAERK', 'ERDAT', 'ERZET', 'GBSTK', 'ABGRU'], orderRows(orders));
writeCsv('sap_trips', ['TRIPID', 'EQUNR', 'AIRPFROM', 'AIRPTO', 'FLDATE', 'DEPTIME', 'FLTIME'], tripRows(trips));
writeCsv('sap_aeroplanes', ['EQUNR', 'TIDNR', 'TYPBZ', 'HERST', 'INBDT'], FLEET.map((row) => [...row]));
writeCsv(
  'aeroplane_api_models',
  ['manufacturer', 'model', 'seats', 'range_km', '_loaded_at'],
  MODELS.map(([manufacturer, model, seats, rangeKm]) => [manufacturer, model, seats, rangeKm, API_LOADED_AT]),
);
