/** Debian's Chromium for the benchmarks, launched as the e2e tests launch it (playwright.config.ts). */
import { chromium, type Browser } from '@playwright/test';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: process.env.STEADY_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
