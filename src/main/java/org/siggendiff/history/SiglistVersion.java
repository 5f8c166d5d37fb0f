package org.siggendiff.history;

import org.siggendiff.siglist.SiglistSet;

/**
 * One version of the four siglist files, loaded once however many commits share it.
 *
 * @param key what identifies the version: the files' git object IDs
 * @param commit the first commit found with this version, which names it in reports
 */
public record SiglistVersion(String key, String commit, SiglistSet siglists) {}
