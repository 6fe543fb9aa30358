package io.kpg.storage;

/** An object as stored: its resourceVersion and its serialized JSON (which carries that rv). */
public record Stored(long rv, String data) {}
