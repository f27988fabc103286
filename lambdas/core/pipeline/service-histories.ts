import type { Detector } from '../detect';
import type { LogHistorySource } from '../incidents';

/**
 * The history of several services, each from its own detector (rank restores them from the services' committed
 * states): what the CLI's single detector answers for all of them. The horizon is the latest of the services'
 * open buckets, as the CLI's detector's is the open bucket of the latest line of any service.
 */
export class ServiceHistories implements LogHistorySource {
  constructor(private readonly detectors: ReadonlyMap<string, Detector>) {}

  templateMix(service: string, from: number, to: number): ReadonlyMap<string, number> | undefined {
    return this.detectors.get(service)?.templateMix(service, from, to);
  }

  templateText(service: string, templateId: string): string | undefined {
    return this.detectors.get(service)?.templateText(service, templateId);
  }

  isErrorTemplate(service: string, templateId: string): boolean {
    return this.detectors.get(service)?.isErrorTemplate(service, templateId) === true;
  }

  watermark(): number | undefined {
    let latest: number | undefined;
    for (const detector of this.detectors.values()) {
      const open = detector.watermark();
      if (open !== undefined && (latest === undefined || open > latest)) latest = open;
    }
    return latest;
  }
}
