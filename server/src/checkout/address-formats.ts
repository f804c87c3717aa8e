/**
 * What an address in each country we ship to looks like: its postal code format (from the Universal Postal
 * Union's addressing guides), the states and provinces of the US and Canada, and the format of an EU VAT id
 * (the European Commission's VIES format rules). Checked offline: a VAT id of the right form is accepted
 * without asking VIES whether it is registered (a rep checks that before invoicing a reverse-charge order).
 */

export interface PostalCodeFormat {
  /** Matched against the code trimmed and in upper case. */
  pattern: RegExp;
  /** As a person reads it: "5 digits". */
  format: string;
  example: string;
  /** "a German postal code" */
  adjective: string;
}

const digits = (count: number, example: string, adjective: string): PostalCodeFormat => ({
  pattern: new RegExp(`^\\d{${count}}$`),
  format: `${count} digits`,
  example,
  adjective,
});

export const POSTAL_CODES: Readonly<Record<string, PostalCodeFormat>> = {
  DE: digits(5, '10115', 'German'),
  AT: digits(4, '1010', 'Austrian'),
  BE: digits(4, '1000', 'Belgian'),
  CZ: { pattern: /^\d{3} ?\d{2}$/, format: '5 digits, as 3 and 2', example: '110 00', adjective: 'Czech' },
  DK: digits(4, '1050', 'Danish'),
  ES: digits(5, '28001', 'Spanish'),
  FI: digits(5, '00100', 'Finnish'),
  FR: digits(5, '75001', 'French'),
  IE: {
    pattern: /^[AC-FHKNPRTV-Y]\d[\dW] ?[0-9AC-FHKNPRTV-Y]{4}$/,
    format: 'an Eircode: 3 and 4 characters',
    example: 'D02 X285',
    adjective: 'Irish',
  },
  IT: digits(5, '00184', 'Italian'),
  LU: { pattern: /^(L-)?\d{4}$/, format: '4 digits', example: '1111', adjective: 'Luxembourg' },
  NL: {
    pattern: /^\d{4} ?[A-Z]{2}$/,
    format: '4 digits and 2 letters',
    example: '1012 AB',
    adjective: 'Dutch',
  },
  PL: {
    pattern: /^\d{2}-\d{3}$/,
    format: '2 digits, a dash, 3 digits',
    example: '00-950',
    adjective: 'Polish',
  },
  PT: {
    pattern: /^\d{4}-\d{3}$/,
    format: '4 digits, a dash, 3 digits',
    example: '1000-001',
    adjective: 'Portuguese',
  },
  SE: { pattern: /^\d{3} ?\d{2}$/, format: '5 digits, as 3 and 2', example: '114 55', adjective: 'Swedish' },
  CH: digits(4, '8001', 'Swiss'),
  GB: {
    pattern: /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$/,
    format: '2 to 4 characters, a space, 3 characters',
    example: 'SW1A 1AA',
    adjective: 'UK',
  },
  NO: digits(4, '0150', 'Norwegian'),
  US: {
    pattern: /^\d{5}(-\d{4})?$/,
    format: 'a ZIP code: 5 digits, or 5+4',
    example: '10001',
    adjective: 'US',
  },
  CA: {
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
    format: 'letter digit letter, digit letter digit',
    example: 'K1A 0B1',
    adjective: 'Canadian',
  },
};

/** States and provinces by country, code -> name: where an address must name one. */
export const REGIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    AL: 'Alabama',
    AK: 'Alaska',
    AZ: 'Arizona',
    AR: 'Arkansas',
    CA: 'California',
    CO: 'Colorado',
    CT: 'Connecticut',
    DE: 'Delaware',
    DC: 'District of Columbia',
    FL: 'Florida',
    GA: 'Georgia',
    HI: 'Hawaii',
    ID: 'Idaho',
    IL: 'Illinois',
    IN: 'Indiana',
    IA: 'Iowa',
    KS: 'Kansas',
    KY: 'Kentucky',
    LA: 'Louisiana',
    ME: 'Maine',
    MD: 'Maryland',
    MA: 'Massachusetts',
    MI: 'Michigan',
    MN: 'Minnesota',
    MS: 'Mississippi',
    MO: 'Missouri',
    MT: 'Montana',
    NE: 'Nebraska',
    NV: 'Nevada',
    NH: 'New Hampshire',
    NJ: 'New Jersey',
    NM: 'New Mexico',
    NY: 'New York',
    NC: 'North Carolina',
    ND: 'North Dakota',
    OH: 'Ohio',
    OK: 'Oklahoma',
    OR: 'Oregon',
    PA: 'Pennsylvania',
    RI: 'Rhode Island',
    SC: 'South Carolina',
    SD: 'South Dakota',
    TN: 'Tennessee',
    TX: 'Texas',
    UT: 'Utah',
    VT: 'Vermont',
    VA: 'Virginia',
    WA: 'Washington',
    WV: 'West Virginia',
    WI: 'Wisconsin',
    WY: 'Wyoming',
  },
  CA: {
    AB: 'Alberta',
    BC: 'British Columbia',
    MB: 'Manitoba',
    NB: 'New Brunswick',
    NL: 'Newfoundland and Labrador',
    NS: 'Nova Scotia',
    NT: 'Northwest Territories',
    NU: 'Nunavut',
    ON: 'Ontario',
    PE: 'Prince Edward Island',
    QC: 'Quebec',
    SK: 'Saskatchewan',
    YT: 'Yukon',
  },
};

/** The form of each EU country's VAT id after its prefix (VIES rules); the prefix is the country's (Greece: EL). */
export const VAT_ID_FORMATS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  AT: { pattern: /^U\d{8}$/, example: 'ATU12345678' },
  BE: { pattern: /^[01]\d{9}$/, example: 'BE0123456789' },
  BG: { pattern: /^\d{9,10}$/, example: 'BG123456789' },
  CY: { pattern: /^\d{8}[A-Z]$/, example: 'CY12345678X' },
  CZ: { pattern: /^\d{8,10}$/, example: 'CZ12345678' },
  DE: { pattern: /^\d{9}$/, example: 'DE123456789' },
  DK: { pattern: /^\d{8}$/, example: 'DK12345678' },
  EE: { pattern: /^\d{9}$/, example: 'EE123456789' },
  EL: { pattern: /^\d{9}$/, example: 'EL123456789' },
  ES: { pattern: /^[A-Z0-9]\d{7}[A-Z0-9]$/, example: 'ESX1234567X' },
  FI: { pattern: /^\d{8}$/, example: 'FI12345678' },
  FR: { pattern: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, example: 'FR40303265045' },
  HR: { pattern: /^\d{11}$/, example: 'HR12345678901' },
  HU: { pattern: /^\d{8}$/, example: 'HU12345678' },
  IE: { pattern: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/, example: 'IE1234567WA' },
  IT: { pattern: /^\d{11}$/, example: 'IT12345678901' },
  LT: { pattern: /^(\d{9}|\d{12})$/, example: 'LT123456789' },
  LU: { pattern: /^\d{8}$/, example: 'LU12345678' },
  LV: { pattern: /^\d{11}$/, example: 'LV12345678901' },
  MT: { pattern: /^\d{8}$/, example: 'MT12345678' },
  NL: { pattern: /^\d{9}B\d{2}$/, example: 'NL123456789B01' },
  PL: { pattern: /^\d{10}$/, example: 'PL1234567890' },
  PT: { pattern: /^\d{9}$/, example: 'PT123456789' },
  RO: { pattern: /^\d{2,10}$/, example: 'RO1234567890' },
  SE: { pattern: /^\d{12}$/, example: 'SE123456789001' },
  SI: { pattern: /^\d{8}$/, example: 'SI12345678' },
  SK: { pattern: /^\d{10}$/, example: 'SK1234567890' },
};
