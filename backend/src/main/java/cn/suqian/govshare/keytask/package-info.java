/**
 * The plan's key tasks and safeguards (重点任务) with their lead and co-responsible units, milestones
 * and real deadlines, and the progress departments report with evidence; status (on track, overdue,
 * missed, done) is derived from dates, never typed in. The API is KeyTaskService and KeyTask.
 */
@ApplicationModule(displayName = "Key tasks", allowedDependencies = {"access", "db", "web"})
@OwnsTables({"key_task", "key_task_milestone", "key_task_progress"})
package cn.suqian.govshare.keytask;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
