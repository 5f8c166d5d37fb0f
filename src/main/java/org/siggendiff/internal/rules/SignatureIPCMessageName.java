package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyValues;

/** Appends {@code IPC_Message_Name=<name>} to the signature. */
final class SignatureIPCMessageName extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SignatureIPCMessageName";

  SignatureIPCMessageName() {
    super(NAME);
  }

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return PyValues.truthy(crashData.get("ipc_message_name"));
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    result.setSignature(
        name(),
        result.signature() + " | IPC_Message_Name=" + PyRepr.str(crashData.get("ipc_message_name")));
  }
}
