/**
 * The registries every score and verdict hangs on. Foundation: organisations (the city, its departments,
 * counties/districts and development zones, loaded from the plan as reference data). Issue [2/9] adds the
 * system inventory, catalogue, networks, data rooms, key tasks and connection targets here.
 */
package cn.suqian.govshare.registry;
