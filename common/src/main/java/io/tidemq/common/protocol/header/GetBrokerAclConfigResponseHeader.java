package io.tidemq.common.protocol.header;

/**
 * Response header of GET_BROKER_CLUSTER_ACL_INFO (52): the main ACL file's data version (JSON), every file's
 * (JSON map of path to data version), and who answers.
 */
public class GetBrokerAclConfigResponseHeader {
    public String version;
    public String allAclFileVersion;
    public String brokerName;
    public String brokerAddr;
    public String clusterName;

    public GetBrokerAclConfigResponseHeader() {
    }
}
