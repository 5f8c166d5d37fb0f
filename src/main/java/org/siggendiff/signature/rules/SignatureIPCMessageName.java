package org.siggendiff.signature.rules;

import org.siggendiff.py.PyRepr;
import org.siggendiff.py.PyValues;
import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.Result;
import org.siggendiff.signature.Rule;

/** Appends {@code IPC_Message_Name=<name>} to the signature. */
public final class SignatureIPCMessageName extends Rule {
  @Override
  public boolean predicate(CrashData crashData, Result result) {
    return PyValues.truthy(crashData.get("ipc_message_name"));
  }

  @Override
  public void action(CrashData crashData, Result result) {
    result.setSignature(
        name(),
        result.signature() + " | IPC_Message_Name=" + PyRepr.str(crashData.get("ipc_message_name")));
  }
}
