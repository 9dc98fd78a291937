package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of CLONE_GROUP_OFFSET (314). */
public class CloneGroupOffsetRequestHeader {
    @Required
    public String srcGroup;
    @Required
    public String destGroup;
    public String topic;
    public boolean offline;

    public CloneGroupOffsetRequestHeader() {
    }
}
