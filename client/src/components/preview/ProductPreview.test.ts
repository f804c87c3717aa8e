import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n';
import ProductPreview from './ProductPreview.vue';
import { colourFromCode } from './values';

type Values = Record<string, string | string[] | null>;

const desk: Values = {
  width_mm: '1600',
  depth_mm: '800',
  top_material: 'oak',
  top_finish: 'oil_natural',
  frame: 'leg2',
  motors: 'dual',
  height_range: 'standard',
  controller: 'memory',
  anti_collision: 'true',
  accessories: ['cable_tray'],
  preassembled: 'false',
};

const bike: Values = {
  frame_size: 'm',
  cargo_box: 'false',
  suspension_fork: 'true',
  motor: 'm500',
  battery: 'b625',
  wheel_size: 'w28',
  gear_type: 'deore_10',
  colour: 'graphite',
  accessories: ['fenders', 'lights', 'rack'],
};

const pc: Values = {
  cpu: 'r9_9950x',
  motherboard: 'x870e',
  memory_modules: '2',
  memory_size: 'd5_32',
  gpu: 'rtx4070s',
  psu: 'atx850',
  storage: ['nvme_2tb'],
  case: 'define7',
  cooling: 'air_tower',
  quiet_fans: 'false',
};

function render(productCode: string, values: Values) {
  return mount(ProductPreview, { props: { productCode, values } });
}

describe('ProductPreview: standing desk', () => {
  it('draws the top to scale: twice the width, twice as wide, and labels the dimensions', async () => {
    const w = render('standing-desk', { ...desk, width_mm: '1000' });
    const narrow = Number(w.get('[data-testid="desk-top"]').attributes('width'));
    expect(w.get('[data-testid="desk-dimensions"]').text()).toBe('1000 × 800 mm');

    await w.setProps({ values: { ...desk, width_mm: '2000', depth_mm: '900' } });
    const wide = Number(w.get('[data-testid="desk-top"]').attributes('width'));
    expect(wide / narrow).toBeCloseTo(2, 5);
    expect(w.get('[data-testid="desk-dimensions"]').text()).toBe('2000 × 900 mm');
  });

  it('draws 2 legs for the 2-leg frame and 4 for the 4-leg frame', async () => {
    const w = render('standing-desk', desk);
    expect(w.findAll('[data-testid="desk-leg"]')).toHaveLength(2);
    await w.setProps({ values: { ...desk, frame: 'leg4' } });
    expect(w.findAll('[data-testid="desk-leg"]')).toHaveLength(4);
  });

  it('marks one motor or two', async () => {
    const w = render('standing-desk', { ...desk, motors: 'single' });
    expect(w.findAll('[data-testid="desk-motor"]')).toHaveLength(1);
    await w.setProps({ values: { ...desk, motors: 'dual' } });
    expect(w.findAll('[data-testid="desk-motor"]')).toHaveLength(2);
  });

  it('draws a chosen accessory and removes it when unchosen', async () => {
    const w = render('standing-desk', { ...desk, accessories: [] });
    expect(w.find('[data-testid="desk-drawer"]').exists()).toBe(false);
    expect(w.find('[data-testid="desk-cable-tray"]').exists()).toBe(false);

    await w.setProps({ values: { ...desk, accessories: ['drawer', 'cable_tray', 'monitor_arm_dual'] } });
    expect(w.find('[data-testid="desk-drawer"]').exists()).toBe(true);
    expect(w.find('[data-testid="desk-cable-tray"]').exists()).toBe(true);
    expect(w.findAll('[data-testid="desk-monitor"]')).toHaveLength(2);

    await w.setProps({ values: { ...desk, accessories: ['cable_tray'] } });
    expect(w.find('[data-testid="desk-drawer"]').exists()).toBe(false);
    expect(w.find('[data-testid="desk-monitor"]').exists()).toBe(false);
  });

  it('colours the top by material and keeps drawing an unknown material', async () => {
    const w = render('standing-desk', { ...desk, top_material: 'walnut' });
    const walnut = w.get('[data-testid="desk-top"]').attributes('fill');
    await w.setProps({ values: { ...desk, top_material: 'oak' } });
    expect(w.get('[data-testid="desk-top"]').attributes('fill')).not.toBe(walnut);
    await w.setProps({ values: { ...desk, top_material: 'cork', width_mm: 'wide', depth_mm: null } });
    expect(w.get('[data-testid="desk-top"]').attributes('fill')).toBe(colourFromCode('cork'));
    expect(w.get('[data-testid="desk-dimensions"]').text()).toBe('1600 × 800 mm');
  });

  it('summarises the configuration in words for assistive technology', () => {
    const w = render('standing-desk', desk);
    const svg = w.get('[role="img"]');
    expect(svg.attributes('aria-label')).toBe(
      'Standing desk 1600 × 800 mm, oak top, natural oil, 2-leg frame, dual motors, height 720 to 1220 mm, with cable tray',
    );
    expect(w.get('title').text()).toBe(svg.attributes('aria-label'));
  });

  it('says it in German too', () => {
    setLocale('de');
    try {
      const w = render('standing-desk', { ...desk, accessories: ['cable_tray', 'drawer'] });
      expect(w.get('[role="img"]').attributes('aria-label')).toBe(
        'Stehschreibtisch 1600 × 800 mm, Platte aus Eiche, natürliches Öl, Gestell mit 2 Beinen, zwei Motoren, Höhe 720 bis 1220 mm, mit Kabelwanne und Schublade',
      );
    } finally {
      setLocale('en');
    }
  });
});

describe('ProductPreview: e-bike', () => {
  it('draws the cargo box only when cargo_box is "true"', async () => {
    const w = render('e-bike', bike);
    expect(w.find('[data-testid="bike-cargo-box"]').exists()).toBe(false);
    await w.setProps({ values: { ...bike, cargo_box: 'true', wheel_size: 'w20' } });
    expect(w.find('[data-testid="bike-cargo-box"]').exists()).toBe(true);
    expect(w.get('[role="img"]').attributes('aria-label')).toContain('front cargo box');
  });

  it('follows wheel size, battery, motor position and colour', async () => {
    const w = render('e-bike', bike);
    const r28 = Number(w.get('[data-testid="bike-wheel"]').attributes('data-r'));
    const len625 = Number(w.get('[data-testid="bike-battery"]').attributes('data-length'));
    expect(w.get('[data-testid="bike-motor"]').attributes('data-position')).toBe('mid');

    await w.setProps({
      values: { ...bike, wheel_size: 'w20', battery: 'b400', motor: 'm250', colour: 'sage' },
    });
    expect(Number(w.get('[data-testid="bike-wheel"]').attributes('data-r')) / r28).toBeCloseTo(20 / 28, 2);
    expect(Number(w.get('[data-testid="bike-battery"]').attributes('data-length'))).toBeLessThan(len625);
    expect(w.get('[data-testid="bike-motor"]').attributes('data-position')).toBe('hub');
    expect(w.get('[data-testid="bike-frame"]').attributes('stroke')).toBe('#8da58b');

    await w.setProps({ values: { ...bike, battery: 'b1000' } });
    expect(w.findAll('[data-testid="bike-battery"]')).toHaveLength(2);
  });

  it('draws chosen accessories', async () => {
    const w = render('e-bike', { ...bike, accessories: [] });
    expect(w.find('[data-testid="bike-rack"]').exists()).toBe(false);
    expect(w.find('[data-testid="bike-fenders"]').exists()).toBe(false);
    await w.setProps({ values: bike });
    expect(w.find('[data-testid="bike-rack"]').exists()).toBe(true);
    expect(w.find('[data-testid="bike-fenders"]').exists()).toBe(true);
    expect(w.find('[data-testid="bike-lights"]').exists()).toBe(true);
  });

  it('summarises the configuration in words', () => {
    const w = render('e-bike', { ...bike, cargo_box: 'true' });
    expect(w.get('[role="img"]').attributes('aria-label')).toBe(
      // Joined by Intl in the reader's locale (the test browser's en-US writes the serial comma).
      'E-bike, frame M, graphite, 500 W mid-drive motor, 625 Wh battery, 28-inch wheels, suspension fork, with front cargo box, fenders, lights, and rack',
    );
  });
});

describe('ProductPreview: workstation PC', () => {
  it('draws one memory stick per module', async () => {
    const w = render('workstation-pc', pc);
    expect(w.findAll('[data-testid="pc-memory-stick"]')).toHaveLength(2);
    await w.setProps({ values: { ...pc, memory_modules: '8', motherboard: 'wrx90', case: 'define7xl' } });
    expect(w.findAll('[data-testid="pc-memory-stick"]')).toHaveLength(8);
  });

  it('draws no graphics card when gpu is null, and a longer card for a longer model', async () => {
    const w = render('workstation-pc', { ...pc, gpu: 'rtx4060' });
    const short = Number(w.get('[data-testid="pc-gpu"] rect').attributes('width'));
    await w.setProps({ values: { ...pc, gpu: 'rtx4090' } });
    expect(Number(w.get('[data-testid="pc-gpu"] rect').attributes('width'))).toBeGreaterThan(short);
    await w.setProps({ values: { ...pc, gpu: null } });
    expect(w.find('[data-testid="pc-gpu"]').exists()).toBe(false);
    expect(w.get('[role="img"]').attributes('aria-label')).toContain('no graphics card');
  });

  it('sizes the case, the power supply, the drives and the cooler from the choices', async () => {
    const w = render('workstation-pc', pc);
    const tower = Number(w.get('[data-testid="pc-case"]').attributes('height'));
    expect(w.get('[data-testid="pc-psu"]').attributes('data-form')).toBe('atx');
    expect(w.get('[data-testid="pc-cooler"]').attributes('data-kind')).toBe('tower');
    expect(w.find('[data-testid="pc-radiator"]').exists()).toBe(false);

    await w.setProps({
      values: {
        ...pc,
        case: 'nr200p',
        motherboard: 'b650i',
        psu: 'sfx750',
        cooling: 'aio_280',
        storage: ['nvme_1tb', 'hdd_8tb'],
      },
    });
    expect(Number(w.get('[data-testid="pc-case"]').attributes('height'))).toBeLessThan(tower);
    expect(w.get('[data-testid="pc-psu"]').attributes('data-form')).toBe('sfx');
    expect(w.find('[data-testid="pc-radiator"]').exists()).toBe(true);
    expect(w.findAll('[data-testid="pc-drive"]').map((d) => d.attributes('data-kind'))).toEqual([
      'nvme',
      'hdd',
    ]);
  });

  it('summarises the configuration in words', () => {
    const w = render('workstation-pc', pc);
    expect(w.get('[role="img"]').attributes('aria-label')).toBe(
      'Workstation PC in a Fractal Design Define 7 case: ATX board, AMD Ryzen 9 9950X, 2 × 32 GB memory, RTX 4070 SUPER graphics, 850 W ATX power supply, tower air cooler, 1 drive (2 TB NVMe)',
    );
  });
});

describe('ProductPreview: any other product', () => {
  it('renders a neutral labelled box with the product code', () => {
    const w = render('garden-shed', { colour: 'green' });
    expect(w.find('[data-testid="preview"]').exists()).toBe(true);
    const fallback = w.get('[data-testid="preview-fallback"]');
    expect(fallback.text()).toContain('garden-shed');
    expect(fallback.attributes('aria-label')).toBe('Preview of garden-shed');
    expect(w.find('[data-testid="desk-preview"]').exists()).toBe(false);
  });

  it('never breaks on empty or odd values', () => {
    for (const code of ['standing-desk', 'e-bike', 'workstation-pc']) {
      const w = render(code, {
        accessories: 'lights',
        storage: null,
        memory_modules: '-3',
        gpu: 'mystery_card',
      });
      expect(w.get('[role="img"]').attributes('aria-label')).toBeTruthy();
    }
  });
});
