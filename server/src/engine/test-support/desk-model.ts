import type { ProductModel } from '../model/product-model.js';
import { loadModelOrThrow } from './load-model.js';

/**
 * A small standing desk, written for the pricing and BOM tests: priced options on single and multiple
 * choice features (one optional), price formulas (per m2 of top, a conditional surcharge, a formula
 * that needs rounding), three quantity breaks, a super BOM with conditional lines, two lines for the
 * same part (screws), made sub-assemblies two levels deep (frame -> leg -> tube, motor) and a routing.
 * Every pcs quantity formula gives whole numbers, so pcs quantities scale exactly with the order.
 */
export const DESK_MODEL_YAML = `
code: desk
name: Standing desk
currency: EUR
groups:
  - { code: top, label: Top }
  - { code: frame, label: Frame }
  - { code: extras, label: Extras }
features:
  - { code: width_mm, label: Width, kind: integer, group: top, min: 1200, max: 2000, step: 100, default: 1600, unit: mm }
  - { code: depth_mm, label: Depth, kind: integer, group: top, min: 600, max: 900, step: 100, default: 800, unit: mm }
  - code: top
    label: Top
    kind: single
    group: top
    default: laminate
    options:
      - { code: laminate, label: White laminate, attributes: { per_m2: 90 } }
      - { code: oak, label: Solid oak, price: "40.00", attributes: { per_m2: "182.35" } }
      - { code: walnut, label: Solid walnut, price: "65.50", attributes: { per_m2: 240 } }
  - code: frame
    label: Frame
    kind: single
    group: frame
    default: two_leg
    options:
      - { code: two_leg, label: Two legs }
      - { code: four_leg, label: Four legs, price: "120.00" }
  - code: colour
    label: Frame colour
    kind: single
    group: frame
    required: false
    options:
      - { code: black, label: Black, price: "15.00" }
      - { code: white, label: White }
  - { code: castors, label: Castors, kind: boolean, group: frame }
  - code: accessories
    label: Accessories
    kind: multiple
    group: extras
    maxSelected: 3
    options:
      - { code: drawer, label: Drawer, price: "45.00" }
      - { code: monitor_arm, label: Monitor arm, price: "89.90" }
      - { code: cable_tray, label: Cable tray, price: "24.95" }
      - { code: power_strip, label: Power strip, price: "19.99" }
rules:
  - { id: walnut-depth, kind: requires, if: "top = 'walnut'", then: "depth_mm >= 700", message: A walnut top is made 700 mm deep or more }
  - { id: four-legs-wide, kind: requires, if: "frame = 'four_leg'", then: "width_mm >= 1600", message: Four legs need a top 1600 mm wide or more }
pricing:
  basePrice: "299.00"
  rounding: half-up
  formulas:
    - { code: top_area, label: Desk top per m2, amount: "width_mm * depth_mm / 1000000 * top.per_m2" }
    - { code: castor_set, label: Castor set, when: castors, amount: "4 * 12.45" }
    - { code: long_brace, label: Long cross brace, when: "width_mm >= 1800", amount: "width_mm / 30" }
  quantityBreaks:
    - { minQuantity: 3, discountPercent: 5 }
    - { minQuantity: 10, discountPercent: "7.5" }
    - { minQuantity: 50, discountPercent: "12.5", label: Fleet order }
parts:
  - { partNumber: TOP-LAM, description: Laminate board, unit: m2, cost: "22.50" }
  - { partNumber: TOP-OAK, description: Oak board, unit: m2, cost: "95.00" }
  - { partNumber: TOP-WAL, description: Walnut board, unit: m2, cost: "140.00" }
  - { partNumber: FRAME-2, description: Two-leg frame, unit: pcs, kind: made, cost: "25.00" }
  - { partNumber: FRAME-4, description: Four-leg frame, unit: pcs, kind: made, cost: "40.00" }
  - { partNumber: LEG, description: Lifting leg, unit: pcs, kind: made, cost: "60.00" }
  - { partNumber: TUBE, description: Telescopic tube, unit: pcs, cost: "11.00" }
  - { partNumber: MOTOR, description: Leg motor, unit: pcs, cost: "38.00", leadTimeDays: 15 }
  - { partNumber: FOOT, description: Foot, unit: pcs, cost: "4.10" }
  - { partNumber: BEAM, description: Cross beam profile, unit: m, cost: "7.80", quantityScale: 2 }
  - { partNumber: SCREW-M6, description: Screw M6 x 16, unit: pcs, cost: "0.08" }
  - { partNumber: CASTOR, description: Castor, unit: pcs, cost: "3.15" }
  - { partNumber: DRAWER, description: Drawer, unit: pcs, cost: "21.00" }
  - { partNumber: ARM, description: Monitor arm, unit: pcs, cost: "44.00" }
  - { partNumber: TRAY, description: Cable tray, unit: pcs, cost: "9.50" }
  - { partNumber: STRIP, description: Power strip, unit: pcs, cost: "8.25" }
  - { partNumber: CABLE-TIE, description: Cable tie, unit: pcs, cost: "0.03" }
bom:
  - { part: TOP-LAM, when: "top = 'laminate'", quantity: "width_mm * depth_mm / 1000000" }
  - { part: TOP-OAK, when: "top = 'oak'", quantity: "width_mm * depth_mm / 1000000" }
  - { part: TOP-WAL, when: "top = 'walnut'", quantity: "width_mm * depth_mm / 1000000" }
  - { part: FRAME-2, when: "frame = 'two_leg'" }
  - { part: FRAME-4, when: "frame = 'four_leg'" }
  - { part: SCREW-M6, quantity: 8 }
  - { part: CASTOR, when: castors, quantity: 4 }
  - { part: DRAWER, when: "'drawer' in accessories" }
  - { part: ARM, when: "'monitor_arm' in accessories" }
  - { part: TRAY, when: "'cable_tray' in accessories" }
  - { part: SCREW-M6, when: "'cable_tray' in accessories", quantity: 4 }
  - { part: STRIP, when: "'power_strip' in accessories" }
  - { part: CABLE-TIE, when: "count(accessories) > 0", quantity: "count(accessories) * 3" }
assemblies:
  FRAME-2:
    - { part: LEG, quantity: 2 }
    - { part: FOOT, quantity: 2 }
    - { part: BEAM, quantity: "width_mm / 1000 - 0.25" }
    - { part: SCREW-M6, quantity: 8 }
  FRAME-4:
    - { part: LEG, quantity: 4 }
    - { part: FOOT, quantity: 4 }
    - { part: BEAM, quantity: "2 * (width_mm / 1000 - 0.25)" }
    - { part: SCREW-M6, quantity: 16 }
  LEG:
    - { part: TUBE, quantity: 2 }
    - { part: MOTOR, quantity: 1 }
routing:
  - { code: cut_top, description: Cut the top to size, workCentre: saw, setupMinutes: 15, minutes: "2 + width_mm / 1000" }
  - { code: oil_top, description: Oil the solid wood top, workCentre: finishing, when: "top != 'laminate'", setupMinutes: 10, minutes: 12 }
  - { code: assemble_frame, description: Assemble the frame, workCentre: assembly, minutes: "if frame = 'four_leg' then 25 else 15" }
  - { code: fit_accessories, description: Fit the accessories, workCentre: assembly, when: "count(accessories) > 0", minutes: "count(accessories) * 5" }
  - { code: pack, description: Pack, workCentre: shipping, minutes: 8 }
`;

export function loadDeskModel(): ProductModel {
  return loadModelOrThrow(DESK_MODEL_YAML);
}
