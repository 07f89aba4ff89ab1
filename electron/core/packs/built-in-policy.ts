/**
 * The removed-built-ins policy: a built-in pack the user removed stays removed across starts
 * (it is not installed again at start-up) until they import it or restore it by hand. Every
 * pack write that can change that goes through here, so the rule lives in one place.
 */
import type { ImportOutcome } from '../../../shared/domain.js';
import type { Library } from '../library/library.js';
import type { RemovedBuiltIns } from '../settings.js';
import type { PackService } from './service.js';

export class BuiltInPolicy {
  constructor(
    private readonly packs: PackService,
    private readonly library: Library,
    private readonly removed: RemovedBuiltIns,
  ) {}

  /** At start: install or update the shipped packs, except those the user removed. */
  installAtStart(): ImportOutcome[] {
    return this.packs.installBuiltIns(this.removed.all());
  }

  /** A teacher who imports a built-in pack again by hand wants it back for good. */
  imported(outcome: ImportOutcome): ImportOutcome {
    this.removed.forget(outcome.packId);
    return outcome;
  }

  /** Remove a pack; a removed built-in pack is remembered so start-up does not bring it back. */
  remove(packId: string): ReturnType<PackService['remove']> {
    const wasBuiltIn = this.library.listPacks().some((p) => p.id === packId && p.builtIn);
    const result = this.packs.remove(packId);
    if (wasBuiltIn) this.removed.add(packId);
    return result;
  }

  /** Put a shipped pack back; it is no longer remembered as removed. */
  restore(packId: string): ImportOutcome {
    const outcome = this.packs.restoreBuiltIn(packId);
    this.removed.forget(packId);
    return outcome;
  }
}
