/** Debian's Chromium for the benchmarks, launched as the e2e tests launch it (playwright.config.ts). */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

const EXECUTABLE = process.env.STEADY_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: EXECUTABLE, args: ARGS });

/** A browser whose profile (IndexedDB, caches) lives in `profileDir` and outlasts it: a device started again. */
export const launchWithProfile = (profileDir: string): Promise<BrowserContext> => chromium.launchPersistentContext(profileDir, { executablePath: EXECUTABLE, args: ARGS });
