package io.kpg.storage;

/**
 * One committed change from the change log: ADDED ('A'), MODIFIED ('M') or DELETED ('D'), with the
 * object after the change (for D the last state, stamped with the deletion rv) and before.
 */
public record Change(long rv, ResourceKey key, char type, String data, String prevData) {}
